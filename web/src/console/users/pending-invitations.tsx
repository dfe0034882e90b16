import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleMessages } from '../console.messages.ts';
import { invitationsQuery } from './users.queries.ts';
import { usersMessages } from './users.messages.ts';

/** Invitations sent and not yet accepted, with when each link stops working. */
export function PendingInvitations() {
  const t = useMessages(usersMessages);
  const c = useMessages(consoleMessages);
  const intl = useIntl();
  const invitations = useQuery(invitationsQuery);
  if (!invitations.data || invitations.data.length === 0) return null;
  return (
    <section className="section" aria-labelledby="pending-heading">
      <h2 id="pending-heading">{t('users.pending')}</h2>
      <div className="table-wrap">
        <table className="records">
          <caption className="visually-hidden">{t('users.pending')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.roles')}</th>
              <th scope="col">{t('users.expires')}</th>
            </tr>
          </thead>
          <tbody>
            {invitations.data.map((i) => (
              <tr key={i.id}>
                <th scope="row">{i.displayName}</th>
                <td>{i.email}</td>
                <td>{i.roles.map((r) => c(`role.${r as 'admin'}`)).join(', ')}</td>
                <td>{intl.formatDate(i.expiresAt, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
