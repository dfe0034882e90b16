import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { fetchAttention, type AttentionEntry } from '../../api/messages.ts';
import { useClinic } from '../../api/queries.ts';
import { Link } from '../../components/link.tsx';
import { LoadState } from '../../components/load-state.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { localOf } from '../schedule/grid-model.ts';
import { useMessageStatus } from '../schedule/message-delivery.ts';
import { messageLogMessages } from '../schedule/message-log.messages.ts';
import { providersQuery } from '../schedule/schedule.queries.ts';
import { undeliveredMessages } from './undelivered.messages.ts';
import './home.css';

/**
 * The messages that reached no patient (failed on every channel, undelivered, unconfirmed) about
 * visits in the next two weeks: the desk's to-do on a busy morning. Each opens its visit's
 * message log in the schedule, where it can be resent.
 */
export function UndeliveredList() {
  const t = useMessages(undeliveredMessages);
  const log = useMessages(messageLogMessages);
  const statusOf = useMessageStatus();
  const intl = useIntl();
  const { data: clinic } = useClinic();
  const slug = clinic?.slug ?? '';
  const providers = useQuery({ ...providersQuery(slug), enabled: Boolean(slug) });
  const attention = useQuery({
    queryKey: ['notification-attention'],
    queryFn: ({ signal }) => fetchAttention(signal).then((r) => r.messages),
  });
  const zoneOf = (m: AttentionEntry) =>
    clinic?.locations.find((l) => l.id === m.locationId)?.timeZone ?? 'UTC';
  const when = (m: AttentionEntry) =>
    intl.formatDate(m.appointmentStart, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: zoneOf(m),
    });
  const provider = (m: AttentionEntry) =>
    providers.data?.providers.find((p) => p.id === m.providerId)?.displayName ?? '';
  const location = (m: AttentionEntry) =>
    clinic?.locations.find((l) => l.id === m.locationId)?.name ?? '';

  return (
    <section aria-labelledby="undelivered-title" className="undelivered">
      <h2 id="undelivered-title">{t('undelivered.title')}</h2>
      <p className="muted">{t('undelivered.lead')}</p>
      <LoadState queries={[attention]} />
      {attention.data &&
        (attention.data.length === 0 ? (
          <p>{t('undelivered.none')}</p>
        ) : (
          <ul className="undelivered-list">
            {attention.data.map((m) => (
              <li key={m.id} className="undelivered-item">
                <div>
                  <p>
                    {t('undelivered.visit', {
                      kind: log(`log.kind.${m.kind}`),
                      when: when(m),
                      provider: provider(m),
                      location: location(m),
                    })}
                  </p>
                  <p className="muted">
                    {m.channel ? `${log(`log.channel.${m.channel as 'email'}`)}: ` : ''}
                    {statusOf(m)}
                  </p>
                </div>
                <Link
                  to="/console/schedule"
                  search={{
                    location: m.locationId,
                    date: localOf(m.appointmentStart, zoneOf(m)).date,
                    appointment: m.appointmentId,
                    panel: 'messages',
                  }}
                  aria-label={t('undelivered.openNamed', { when: when(m), provider: provider(m) })}
                >
                  {t('undelivered.open')}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
