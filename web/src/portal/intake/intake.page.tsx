import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ApiError } from '../../api/problem.ts';
import { useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { IntakeForm } from './intake-form.tsx';
import { intakeMessages } from './intake.messages.ts';
import { intakeQuery } from './intake.queries.ts';

const route = getRouteApi('/intake/$appointmentType');

/**
 * The signed-in patient's intake form for an appointment type (`/intake/:appointmentType`): the
 * session names the patient and their clinic, the form comes from the clinic, and a saved draft
 * is restored. Without a session the page asks the patient to sign in.
 */
export function IntakePage() {
  const t = useMessages(intakeMessages);
  const { appointmentType } = route.useParams();
  const href = route.useMatch({ select: (m) => m.pathname });
  const session = useSession();
  const account = session.data?.stage === 'full' ? session.data.account : null;
  const patientId = account?.kind === 'patient' ? account.patientId : null;
  const intake = useQuery({
    ...intakeQuery(account?.organizationId ?? '', patientId ?? '', appointmentType),
    enabled: Boolean(account && patientId),
  });

  const message = (text: string, tone: 'info' | 'error' = 'info', signIn = false) => (
    <section className="page page-narrow">
      <PageHeading>{t('intake.title')}</PageHeading>
      <InlineAlert tone={tone}>{text}</InlineAlert>
      {signIn && (
        <Link to="/sign-in" search={{ redirect: href }}>
          {t('intake.signInLink')}
        </Link>
      )}
    </section>
  );

  if (session.isPending) return <Loading label={t('intake.loading')} />;
  if (!account) return message(t('intake.signIn'), 'info', true);
  if (!patientId) return message(t('intake.patientsOnly'));
  if (intake.isPending) return <Loading label={t('intake.loading')} />;
  if (intake.isError) {
    const status = intake.error instanceof ApiError ? intake.error.status : 0;
    if (status === 401) return message(t('intake.signIn'), 'info', true);
    if (status === 404) return message(t('intake.notFound'));
    return message(t('intake.error'), 'error');
  }
  return (
    <section className="page page-narrow">
      <PageHeading>{intake.data.form.definition.title}</PageHeading>
      <IntakeForm form={intake.data.form} patientId={patientId} draft={intake.data.draft} />
    </section>
  );
}
