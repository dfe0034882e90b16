import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchUnreadCount } from '../../api/messages.ts';
import { polled } from '../../api/poll.ts';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { INBOX_POLL_MS, inboxKey } from '../messages/inbox.queries.ts';
import { homeMessages } from './home.messages.ts';
import './new-messages.css';

/**
 * On a signed-in patient's landing page: how many messages they have not read, as a link to the
 * inbox. Only the count is asked for (under the inbox's key, so reading a message updates it).
 */
export function NewMessages() {
  const t = useMessages(homeMessages);
  const client = useQueryClient();
  const count = useQuery(
    polled<{ unread: number }>(client, {
      queryKey: [...inboxKey, 'unread'],
      everyMs: INBOX_POLL_MS,
      read: ({ signal, background }) => fetchUnreadCount({ signal, background }),
    }),
  );
  const unread = count.data?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <p className="new-messages">
      <Link to="/messages">{t('home.messages.new', { count: unread })}</Link>
    </p>
  );
}
