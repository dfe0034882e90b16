import { useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleMessages } from '../console.messages.ts';
import { alertMessages } from './alert.messages.ts';

/**
 * One compliance alert (`/console/audit/alerts/:alertId`; the alert email's `/audit/alerts/:id`
 * redirects here). Issue #12 shows the alert and its events; compliance officers only.
 */
export function AlertPage() {
  const t = useMessages(alertMessages);
  const c = useMessages(consoleMessages);
  const { data: session } = useSession();
  const allowed = session?.account.roles.includes('compliance_officer') ?? false;
  return (
    <section className="page">
      <PageHeading>{t('alert.title')}</PageHeading>
      {allowed ? (
        <>
          <p>{t('alert.coming')}</p>
          <Link to="/console/audit">{t('alert.back')}</Link>
        </>
      ) : (
        <InlineAlert tone="warning">{c('console.notYours')}</InlineAlert>
      )}
    </section>
  );
}
