import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { Answers, FormView } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { IntakeForm } from './intake-form.tsx';

type State =
  | { kind: 'loading' }
  | { kind: 'message'; text: string; alert: boolean }
  | { kind: 'ready'; form: FormView; patientId: string; draft: Answers | null };

const status = (err: unknown) => (err instanceof ApiError ? err.problem.status : 0);

/**
 * The signed-in patient's intake form for an appointment type (`/intake/:appointmentType`): the
 * session names the patient and their clinic, the form comes from the clinic, and a saved draft
 * is restored. Without a session the page asks the patient to sign in.
 */
export function IntakePage({ appointmentType }: { appointmentType: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    const message = (text: string, alert = false) => setState({ kind: 'message', text, alert });
    (async () => {
      const { stage, account } = await api.session(abort.signal);
      if (stage !== 'full') return message(t('intake.signIn'));
      if (account.kind !== 'patient' || !account.patientId)
        return message(t('intake.patientsOnly'));
      const form = await api.intakeForm(account.organizationId, appointmentType, abort.signal);
      const { draft } = await api.intakeDraft(account.patientId, form.id, abort.signal);
      setState({
        kind: 'ready',
        form,
        patientId: account.patientId,
        draft: draft?.answers ?? null,
      });
    })().catch((err: unknown) => {
      if (abort.signal.aborted) return;
      if (status(err) === 401) message(t('intake.signIn'));
      else if (status(err) === 404) message(t('intake.notFound'));
      else message(t('intake.error'), true);
    });
    return () => abort.abort();
  }, [appointmentType]);

  if (state.kind === 'loading') return <p aria-live="polite">{t('intake.loading')}</p>;
  if (state.kind === 'message') {
    return <p {...(state.alert ? { role: 'alert' } : { className: 'notice' })}>{state.text}</p>;
  }
  return (
    <>
      <h1>{state.form.definition.title}</h1>
      <IntakeForm form={state.form} patientId={state.patientId} draft={state.draft} />
    </>
  );
}
