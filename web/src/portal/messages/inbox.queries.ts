import type { QueryClient } from '@tanstack/react-query';
import { fetchInboxIfChanged, fetchUnreadCount, type InboxMessage } from '../../api/messages.ts';
import { polled, polledIfChanged } from '../../api/poll.ts';

export const inboxKey = ['me', 'messages'] as const;

/** How often a page showing the inbox asks whether it changed (a 304 when not, unaudited). */
export const INBOX_POLL_MS = 30_000;

/**
 * The signed-in patient's inbox, asked again every half minute while the page shows it: a message
 * sent meanwhile — the confirmation of the visit just booked goes a moment after the booking —
 * comes in by itself.
 */
export const inboxQuery = (client: QueryClient) =>
  polledIfChanged<{ messages: InboxMessage[] }>(client, {
    queryKey: inboxKey,
    everyMs: INBOX_POLL_MS,
    read: fetchInboxIfChanged,
  });

/**
 * How many messages the patient has not read (the landing page's link, the account menu), under
 * the inbox's key so that reading a message updates it; only the count is asked for.
 */
export const unreadQuery = (client: QueryClient) =>
  polled<{ unread: number }>(client, {
    queryKey: [...inboxKey, 'unread'],
    everyMs: INBOX_POLL_MS,
    read: ({ signal, background }) => fetchUnreadCount({ signal, background }),
  });
