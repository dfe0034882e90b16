import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { saveIntakeDraft, submitIntake } from '../../api/intake.ts';
import { ApiError } from '../../api/problem.ts';
import type { Answers, FormView } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import {
  fromAnswers,
  serverFieldErrors,
  shownQuestions,
  toAnswers,
  type FieldErrors,
  type FieldValue,
} from './answers.ts';
import { QuestionField } from './question-field.tsx';
import { SaveStatusLine } from './save-status.tsx';
import { useAutosave } from './use-autosave.ts';
import { intakeMessages } from './intake.messages.ts';

interface Props {
  form: FormView;
  patientId: string;
  draft: Answers | null;
  /** In the booking flow: called once the answers are submitted (the flow moves on). */
  onSubmitted?: () => void;
}

const isSignedOut = (err: unknown) => err instanceof ApiError && err.problem.status === 401;

/** The questions, autosaved as a draft while the patient answers, then submitted once. */
export function IntakeForm({ form, patientId, draft, onSubmitted }: Props) {
  const t = useMessages(intakeMessages);
  const definition = form.definition;
  const [values, setValues] = useState(() => fromAnswers(definition, draft ?? {}));
  const [saved] = useState(() => toAnswers(definition, values, { complete: false, t }).answers);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [phase, setPhase] = useState<'editing' | 'sending' | 'sent'>('editing');
  const live = useMemo(
    () => toAnswers(definition, values, { complete: false, t }),
    [definition, values, t],
  );
  const save = useCallback(
    (answers: Answers) => saveIntakeDraft(patientId, form.id, answers),
    [patientId, form.id],
  );
  const autosave = useAutosave(live.answers, save, { savedAnswers: saved });
  const sentHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (phase === 'sent') sentHeading.current?.focus();
  }, [phase]);

  const change = (id: string, value: FieldValue) => {
    setValues((v) => ({ ...v, [id]: value }));
    setErrors(({ [id]: _dropped, ...rest }) => rest);
    setSummary(null);
  };

  const showProblems = (found: FieldErrors) => {
    setErrors(found);
    setSummary(t('intake.fix', { count: Object.keys(found).length }));
    const first = definition.questions.find((q) => found[q.id]);
    if (first)
      document.querySelector<HTMLElement>(`#q-${first.id}-group :is(input, button)`)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { answers, errors: found } = toAnswers(definition, values, { complete: true, t });
    if (Object.keys(found).length) return showProblems(found);
    setPhase('sending');
    setSummary(null);
    // The submission replaces the draft: no autosave may land after it.
    await autosave.settle();
    try {
      await submitIntake(patientId, form.id, answers);
      setPhase('sent');
      onSubmitted?.();
    } catch (err) {
      autosave.resume();
      setPhase('editing');
      if (isSignedOut(err)) return setSummary(t('intake.save.signedOut'));
      const byField = err instanceof ApiError ? serverFieldErrors(err.problem.errors) : {};
      if (Object.keys(byField).length) showProblems(byField);
      else setSummary(t('intake.submitFailed'));
    }
  };

  if (phase === 'sent') {
    return (
      <section aria-labelledby="intake-done" className="confirmation">
        <h2 id="intake-done" tabIndex={-1} ref={sentHeading}>
          {t('intake.done.title')}
        </h2>
        <p>{t('intake.done.text')}</p>
      </section>
    );
  }
  return (
    <form className="intake" noValidate onSubmit={submit} aria-describedby="intake-intro">
      <p id="intake-intro" className="muted">
        {t('intake.intro')}
      </p>
      {draft && Object.keys(draft).length > 0 && <p className="notice">{t('intake.restored')}</p>}
      {shownQuestions(definition, values, t).map((q) => (
        <QuestionField
          key={q.id}
          question={q}
          value={values[q.id]}
          error={errors[q.id] ?? live.errors[q.id]}
          onChange={(v) => change(q.id, v)}
        />
      ))}
      <div role="alert" className="form-error">
        {summary}
      </div>
      <div className="actions">
        <Button type="submit" isPending={phase === 'sending'}>
          {phase === 'sending' ? t('intake.submitting') : t('intake.submit')}
        </Button>
        <SaveStatusLine status={autosave.status} signedOut={isSignedOut} />
      </div>
    </form>
  );
}
