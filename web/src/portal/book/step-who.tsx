import type { Dependant } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookMessages } from './book.messages.ts';
import { StepHeading } from './step-heading.tsx';

/** "Who is this visit for?": shown only to an account that may book for someone else. */
export function WhoStep({
  dependants,
  focus,
  onChoose,
}: {
  dependants: Dependant[];
  focus: boolean;
  onChoose(patientId: string | undefined): void;
}) {
  const t = useMessages(bookMessages);
  return (
    <section className="step">
      <StepHeading focus={focus}>{t('book.who.title')}</StepHeading>
      <ul className="choice-list">
        <li>
          <Button variant="secondary" wide onPress={() => onChoose(undefined)}>
            {t('book.who.me')}
          </Button>
        </li>
        {dependants.map((d) => (
          <li key={d.patientId}>
            <Button variant="secondary" wide onPress={() => onChoose(d.patientId)}>
              {d.displayName}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
