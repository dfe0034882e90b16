import { useQuery } from '@tanstack/react-query';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useKindName } from '../alert-kind.ts';
import { useWhen } from '../audit-events-table.tsx';
import { AuditPage } from '../audit-guard.tsx';
import { alertsMessages } from './alerts.messages.ts';
import { alertsQuery } from './alerts.queries.ts';

/** The alerts the rules raised, newest first, each opening its own page with its events. */
export function AlertsPage() {
  const t = useMessages(alertsMessages);
  const problemText = useProblemText();
  const kindName = useKindName();
  const when = useWhen();
  const alerts = useQuery(alertsQuery);
  return (
    <AuditPage title={t('alerts.title')} lead={<p>{t('alerts.lead')}</p>}>
      {alerts.isPending ? (
        <Loading label={t('alerts.loading')} />
      ) : alerts.isError ? (
        <InlineAlert tone="error">{problemText(alerts.error)}</InlineAlert>
      ) : alerts.data.alerts.length === 0 ? (
        <p>{t('alerts.none')}</p>
      ) : (
        <ul className="cards">
          {alerts.data.alerts.map((alert) => (
            <li key={alert.id}>
              <article className="card">
                <h2 className="card-title">
                  <Link
                    to="/console/audit/alerts/$alertId"
                    params={{ alertId: alert.id }}
                    aria-label={t('alerts.open', {
                      kind: kindName(alert.kind),
                      when: when(alert.raisedAt),
                    })}
                  >
                    {kindName(alert.kind)}
                  </Link>
                </h2>
                <p className="muted">{t('alerts.raised', { when: when(alert.raisedAt) })}</p>
                <p className="muted">{t('alerts.events', { count: alert.eventIds.length })}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/console/audit/rules">{t('alerts.rules')}</Link>
      </p>
    </AuditPage>
  );
}
