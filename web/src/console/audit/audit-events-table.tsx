import { useIntl } from 'react-intl';
import type { AuditEvent } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { auditMessages } from './audit.messages.ts';
import { whoText } from './audit-who.ts';

/** "Front desk, account 3f2a…" — the role in words and the account's opaque id. */
export function useWho() {
  const t = useMessages(auditMessages);
  return (actor: AuditEvent['actor']): string => whoText(actor, t);
}

/** An instant in the reader's language and zone, to the second. */
export function useWhen() {
  const intl = useIntl();
  return (iso: string) =>
    intl.formatDate(iso, {
      dateStyle: 'medium',
      timeStyle: 'medium',
    } as Intl.DateTimeFormatOptions);
}

/**
 * Audit events as a table (ids and codes, never a PHI value), in a region that scrolls sideways
 * on a narrow screen and can be scrolled by keyboard.
 */
export function AuditEventsTable({ events, caption }: { events: AuditEvent[]; caption: string }) {
  const t = useMessages(auditMessages);
  const who = useWho();
  const when = useWhen();
  return (
    <div className="table-scroll" role="region" aria-label={t('audit.events.scroll')} tabIndex={0}>
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.when')}</th>
            <th scope="col">{t('audit.col.who')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.record')}</th>
            <th scope="col">{t('audit.col.patient')}</th>
            <th scope="col">{t('audit.col.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{when(e.occurredAt)}</td>
              <td>{who(e.actor)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                <code>{e.resourceType}</code>
                {e.resourceId && <span className="id"> {e.resourceId}</span>}
              </td>
              <td className="id">{e.patientId ?? t('audit.none')}</td>
              <td>
                <span className={`outcome outcome-${e.outcome}`}>
                  {t(`audit.outcome.${e.outcome}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
