import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ApiError } from '../../../api/client.ts';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useKindName } from '../alert-kind.ts';
import { alertQuery } from '../alerts/alerts.queries.ts';
import { AuditEventsTable, useWhen } from '../audit-events-table.tsx';
import { AuditPage } from '../audit-guard.tsx';
import { alertMessages } from './alert.messages.ts';

const route = getRouteApi('/console/audit/alerts/$alertId');

/**
 * One compliance alert (`/console/audit/alerts/:alertId`; the alert email's `/audit/alerts/:id`
 * redirects here): the rule that fired, when, what it saw, and the events behind it.
 */
export function AlertPage() {
  const t = useMessages(alertMessages);
  const problemText = useProblemText();
  const kindName = useKindName();
  const when = useWhen();
  const { alertId } = route.useParams();
  const alert = useQuery(alertQuery(alertId));
  const title = alert.data ? kindName(alert.data.kind) : t('alert.title');
  return (
    <AuditPage title={title}>
      {alert.isPending ? (
        <Loading label={t('alert.loading')} />
      ) : alert.isError ? (
        <InlineAlert tone="error">
          {alert.error instanceof ApiError && alert.error.status === 404
            ? t('alert.notFound')
            : problemText(alert.error)}
        </InlineAlert>
      ) : (
        <>
          <dl className="audit-facts">
            <dt>{t('alert.raised')}</dt>
            <dd>{when(alert.data.raisedAt)}</dd>
            <dt>{t('alert.kind')}</dt>
            <dd>
              <code>{alert.data.kind}</code>
            </dd>
            {alert.data.subject && (
              <>
                <dt>{t('alert.subject')}</dt>
                <dd className="id">{alert.data.subject}</dd>
              </>
            )}
            <dt>{t('alert.summary')}</dt>
            <dd>{alert.data.summary}</dd>
            <dt>{t('alert.webhook')}</dt>
            <dd>{alert.data.webhookStatus ?? t('alert.webhook.none')}</dd>
          </dl>
          <section aria-labelledby="alert-events-heading" className="section">
            <h2 id="alert-events-heading">{t('alert.events')}</h2>
            <p>{t('alert.events.count', { count: alert.data.events.length })}</p>
            {alert.data.events.length > 0 && (
              <AuditEventsTable events={alert.data.events} caption={t('alert.events.caption')} />
            )}
          </section>
        </>
      )}
      <p>
        <Link to="/console/audit/alerts">{t('alert.all')}</Link>
      </p>
    </AuditPage>
  );
}
