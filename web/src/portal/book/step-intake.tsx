import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { IntakeForm } from '../intake/intake-form.tsx';
import { intakeQuery } from '../intake/intake.queries.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { StepHeading } from './step-heading.tsx';

interface Props {
  organizationId: string;
  patientId: string;
  typeId: string;
  focus: boolean;
  hold: React.ReactNode;
  onDone(): void;
}

/** The visit type's intake form, inside the flow while the time is held; then the review. */
export function IntakeStep(p: Props) {
  const t = useMessages(bookStepMessages);
  const intake = useQuery(intakeQuery(p.organizationId, p.patientId, p.typeId));
  return (
    <section className="step">
      <StepHeading focus={p.focus}>{t('book.intake.title')}</StepHeading>
      {p.hold}
      {intake.isPending && <Loading />}
      {intake.isError && (
        <>
          <InlineAlert tone="error">{t('book.intake.error')}</InlineAlert>
          <Button onPress={p.onDone}>{t('book.intake.skip')}</Button>
        </>
      )}
      {intake.data && (
        <IntakeForm
          form={intake.data.form}
          patientId={p.patientId}
          draft={intake.data.draft}
          onSubmitted={p.onDone}
        />
      )}
    </section>
  );
}
