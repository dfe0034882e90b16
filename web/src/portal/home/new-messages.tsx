import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { unreadQuery } from '../messages/inbox.queries.ts';
import { homeMessages } from './home.messages.ts';
import './new-messages.css';

/** On a signed-in patient's landing page: how many messages they have not read, as a link. */
export function NewMessages() {
  const t = useMessages(homeMessages);
  const count = useQuery(unreadQuery(useQueryClient()));
  const unread = count.data?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <p className="new-messages">
      <Link to="/messages">{t('home.messages.new', { count: unread })}</Link>
    </p>
  );
}
