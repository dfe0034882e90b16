import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { StepHeading } from './step-heading.tsx';
import { VisitSummary, type VisitFacts } from './visit-summary.tsx';

interface Props {
  facts: VisitFacts;
  hold: React.ReactNode;
  focus: boolean;
  confirming: boolean;
  error: string | null;
  onConfirm(): void;
  onChangeTime(): void;
}

/** The visit as it will be booked, how long the time is kept, and one press to confirm. */
export function ReviewStep(p: Props) {
  const t = useMessages(bookStepMessages);
  return (
    <section className="step">
      <StepHeading focus={p.focus}>{t('book.review.title')}</StepHeading>
      <VisitSummary facts={p.facts} />
      {p.hold}
      <InlineAlert tone="error">{p.error}</InlineAlert>
      <div className="actions">
        <Button onPress={p.onConfirm} isPending={p.confirming}>
          {t('book.review.confirm')}
        </Button>
        <Button variant="quiet" onPress={p.onChangeTime}>
          {t('book.review.changeTime')}
        </Button>
      </div>
    </section>
  );
}
