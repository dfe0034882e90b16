import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ApiError } from '../../api/problem.ts';
import { documentPath } from '../../api/patients.ts';
import type { AnswerValue, FormView } from '../../api/types.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { EmergencyAccess } from './emergency-access.tsx';
import { documentsQuery, formQuery, intakeQuery } from './patient.queries.ts';
import { patientsMessages } from './patients.messages.ts';

const notFound = (e: unknown) => e instanceof ApiError && (e.is('not-found') || e.is('forbidden'));

/**
 * What a clinician reads of their own patient: intake answers (labelled by the form's
 * questions) and documents. Another clinician's patient is closed (the server answers 404), with
 * break glass offered instead.
 */
export function ClinicalRecord({
  patientId,
  organizationId,
  clinician,
}: {
  patientId: string;
  organizationId: string;
  clinician: boolean;
}) {
  const t = useMessages(patientsMessages);
  const intl = useIntl();
  const problemText = useProblemText();
  const intake = useQuery({ ...intakeQuery(patientId), enabled: clinician });
  const documents = useQuery(documentsQuery(patientId));
  const form = useQuery(formQuery(organizationId, 'new-patient'));
  const forms: FormView[] = form.data ? [form.data] : [];

  const show = (formId: string, id: string, value: AnswerValue) => {
    const q = forms.find((f) => f.id === formId)?.definition.questions.find((x) => x.id === id);
    const label = q?.label ?? id;
    let text: string;
    if (typeof value === 'boolean') text = value ? t('pt.intake.yes') : t('pt.intake.no');
    else if (Array.isArray(value) || q?.type === 'choice') {
      const options = q?.type === 'choice' ? q.options : [];
      text = ([] as string[])
        .concat(value as string | string[])
        .map((v) => options.find((o) => o.value === v)?.label ?? v)
        .join(', ');
    } else text = String(value);
    return { label, text };
  };

  if (clinician && intake.isError && notFound(intake.error)) {
    return (
      <section aria-labelledby="intake-title" className="section">
        <h2 id="intake-title">{t('pt.intake.title')}</h2>
        <InlineAlert tone="info">{t('pt.intake.notYours')}</InlineAlert>
        <EmergencyAccess patientId={patientId} />
      </section>
    );
  }

  return (
    <>
      {clinician && (
        <section aria-labelledby="intake-title" className="section">
          <h2 id="intake-title">{t('pt.intake.title')}</h2>
          {intake.isPending ? (
            <Loading />
          ) : intake.isError ? (
            <InlineAlert tone="error">{problemText(intake.error)}</InlineAlert>
          ) : intake.data.submissions.length === 0 ? (
            <p>{t('pt.intake.none')}</p>
          ) : (
            intake.data.submissions.map((s) => (
              <article key={s.id} className="card">
                <h3>
                  {forms.find((f) => f.id === s.formId)?.definition.title ?? t('pt.intake.title')}
                </h3>
                <p className="muted">
                  {t('pt.intake.submitted', {
                    date: intl.formatDate(s.submittedAt, {
                      dateStyle: 'medium',
                      timeStyle: 'short',
                    }),
                  })}
                </p>
                <dl className="answers">
                  {Object.entries(s.answers).map(([id, value]) => {
                    const a = show(s.formId, id, value);
                    return (
                      <div key={id} className="answer">
                        <dt>{a.label}</dt>
                        <dd>{a.text}</dd>
                      </div>
                    );
                  })}
                </dl>
              </article>
            ))
          )}
        </section>
      )}
      <section aria-labelledby="documents-title" className="section">
        <h2 id="documents-title">{t('pt.documents.title')}</h2>
        {documents.isPending ? (
          <Loading />
        ) : documents.isError ? (
          <InlineAlert tone="info">{problemText(documents.error)}</InlineAlert>
        ) : documents.data.documents.length === 0 ? (
          <p>{t('pt.documents.none')}</p>
        ) : (
          <ul>
            {documents.data.documents.map((d) => (
              <li key={d.id}>
                <a className="link" href={documentPath(patientId, d.id)} download>
                  {t('pt.documents.download', {
                    kind: t(`pt.documents.kind.${d.kind}`),
                    size: intl.formatNumber(d.sizeBytes / 1024, {
                      style: 'unit',
                      unit: 'kilobyte',
                      maximumFractionDigits: 0,
                    }),
                  })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
