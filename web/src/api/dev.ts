import { get } from './client.ts';

export interface OutboxMessage {
  at: string;
  to: string;
  subject: string;
  text: string;
}

/** Development only: the mail the server would have sent, newest first (404 elsewhere). */
export async function fetchOutbox(signal?: AbortSignal): Promise<OutboxMessage[]> {
  const { messages } = await get<{ messages: OutboxMessage[] }>('/api/dev/outbox', { signal });
  return messages;
}
