import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../api/problem.ts';
import { revealIdentifier } from '../../api/patients.ts';
import { useClinic, useSession } from '../../api/queries.ts';
import type { RevealableField } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { ClinicalRecord } from './clinical-record.tsx';
import { GrantBanner, useGrant } from './emergency-access.tsx';
import { nameOf, useBirthDate } from './patient-finder.tsx';
import { patientQuery } from './patient.queries.ts';
import { patientsMessages } from './patients.messages.ts';
import './patients.css';

const masked = (v: string | undefined) => Boolean(v?.startsWith('••••'));

/**
 * A patient's summary with the fields the reader's role may see: the front desk's contact
 * details and visits; identifiers masked, shown in full one at a time after a step-up (audited).
 * Clinicians also see their own patients' intake answers and documents.
 */
export function PatientPage() {
  const t = useMessages(patientsMessages);
  const intl = useIntl();
  const birth = useBirthDate();
  const problemText = useProblemText();
  const { patientId } = useParams({ from: '/console/patients/$patientId' });
  const { data: session } = useSession();
  const { data: clinic } = useClinic();
  const zoneOf = (locationId: string) =>
    clinic?.locations.find((l) => l.id === locationId)?.timeZone;
  const patient = useQuery(patientQuery(patientId));
  const grant = useGrant(patientId);
  const [revealed, setRevealed] = useState<Partial<Record<RevealableField, string | null>>>({});
  const reveal = useMutation({
    mutationFn: (field: RevealableField) => revealIdentifier(patientId, field),
    onSuccess: (r) => setRevealed((v) => ({ ...v, [r.field]: r.value })),
  });
  const clinician = session?.account.roles.includes('clinician') ?? false;

  if (patient.isPending) return <Loading />;
  if (patient.isError) {
    const gone = patient.error instanceof ApiError && patient.error.is('not-found');
    return (
      <section className="page">
        <PageHeading>{t('pt.summary.title')}</PageHeading>
        <InlineAlert tone="error">
          {gone ? t('pt.summary.notFound') : problemText(patient.error)}
        </InlineAlert>
        <Link to="/console/patients">{t('pt.summary.back')}</Link>
      </section>
    );
  }
  const p = patient.data;
  const none = <span className="muted">{t('pt.summary.none')}</span>;
  const identifier = (field: RevealableField, label: string, value: string | undefined) => {
    if (value === undefined) return null;
    const shown = revealed[field];
    return (
      <>
        <dt>{label}</dt>
        <dd>
          {shown !== undefined ? (shown ?? none) : field === 'dateOfBirth' ? value : value}
          {masked(value) && shown === undefined && (
            <>
              {' '}
              <Button
                variant="quiet"
                isPending={reveal.isPending && reveal.variables === field}
                onPress={() => reveal.mutate(field)}
              >
                {t('pt.summary.reveal', { field: label })}
              </Button>
            </>
          )}
        </dd>
      </>
    );
  };

  return (
    <section className="page">
      {grant && <GrantBanner grant={grant} />}
      <PageHeading lead={<Link to="/console/patients">{t('pt.summary.back')}</Link>}>
        {nameOf(p) || t('pt.summary.title')}
      </PageHeading>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('pt.summary.title')}</h2>
        <dl className="facts">
          {p.legalName && (
            <>
              <dt>{t('pt.summary.name')}</dt>
              <dd>{`${p.legalName.given} ${p.legalName.family}`}</dd>
            </>
          )}
          {p.preferredName && (
            <>
              <dt>{t('pt.summary.preferred')}</dt>
              <dd>{p.preferredName}</dd>
            </>
          )}
          {p.dateOfBirth !== undefined &&
            (masked(p.dateOfBirth) ? (
              identifier('dateOfBirth', t('pt.summary.dateOfBirth'), p.dateOfBirth)
            ) : (
              <>
                <dt>{t('pt.summary.dateOfBirth')}</dt>
                <dd>{birth(p.dateOfBirth)}</dd>
              </>
            ))}
          {p.sex && (
            <>
              <dt>{t('pt.summary.sex')}</dt>
              <dd>{t(`pt.register.sex.${p.sex}`)}</dd>
            </>
          )}
          <dt>{t('pt.summary.phone')}</dt>
          <dd>{p.phone ?? none}</dd>
          <dt>{t('pt.summary.email')}</dt>
          <dd>{p.email ?? none}</dd>
          {p.address && (
            <>
              <dt>{t('pt.summary.address')}</dt>
              <dd>
                {`${p.address.line}, ${p.address.city}, ${p.address.region} ${p.address.postalCode}, ${p.address.country}`}
              </dd>
            </>
          )}
          {identifier('mrn', t('pt.summary.mrn'), p.mrn)}
          {identifier('insuranceMemberId', t('pt.summary.insurance'), p.insuranceMemberId)}
        </dl>
        <p className="muted">{t('pt.summary.reveal.help')}</p>
        <InlineAlert tone="error">{reveal.isError && problemText(reveal.error)}</InlineAlert>
      </section>
      <section aria-labelledby="appointments-title" className="section">
        <h2 id="appointments-title">{t('pt.summary.appointments')}</h2>
        {!p.appointments ? (
          <p>{t('pt.summary.appointments.hidden')}</p>
        ) : p.appointments.length === 0 ? (
          <p>{t('pt.summary.appointments.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="appointments-table">
              <thead>
                <tr>
                  <th scope="col">{t('pt.summary.when')}</th>
                  <th scope="col">{t('pt.summary.what')}</th>
                  <th scope="col">{t('pt.summary.who')}</th>
                  <th scope="col">{t('pt.summary.where')}</th>
                  <th scope="col">{t('pt.summary.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.appointments.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {intl.formatDate(a.start, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                        ...(zoneOf(a.location.id) ? { timeZone: zoneOf(a.location.id) } : {}),
                      })}
                    </td>
                    <td>{a.appointmentType.name}</td>
                    <td>{a.provider.displayName}</td>
                    <td>{a.location.name}</td>
                    <td>{t(`pt.summary.status.${a.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {session && (
        <ClinicalRecord
          patientId={patientId}
          organizationId={session.account.organizationId}
          clinician={clinician}
        />
      )}
    </section>
  );
}
