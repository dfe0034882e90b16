import type { Queryable } from '../../platform/db/db.ts';
import type { MessageRow } from './notifications.store.ts';

/** The patient's inbox: their sent messages, what it shows and whether it changed, read marks. */

export async function inbox(q: Queryable, org: string, patientId: string, limit: number) {
  const { rows } = await q.query<MessageRow>(
    `select * from notification_messages
      where organization_id = $1 and patient_id = $2 and status = 'sent'
      order by sent_at desc limit $3`,
    [org, patientId, limit],
  );
  return rows;
}

/**
 * What the inbox shows, in one aggregate: its count, the newest message, what is read and what
 * still has its text (the retention window clears it). The inbox's ETag is made from it.
 */
export async function inboxVersion(q: Queryable, org: string, patientId: string) {
  const { rows } = await q.query<{
    n: string;
    last: Date | null;
    read: Date | null;
    r: string;
    b: string;
  }>(
    `select count(*) as n, max(sent_at) as last, max(read_at) as read, count(read_at) as r,
            count(body) as b
       from notification_messages
      where organization_id = $1 and patient_id = $2 and status = 'sent'`,
    [org, patientId],
  );
  const v = rows[0]!;
  return [v.n, v.last?.toISOString() ?? null, v.read?.toISOString() ?? null, v.r, v.b];
}

/** How many sent messages the patient has not read: a number, nothing of what they say. */
export async function unreadCount(q: Queryable, org: string, patientId: string): Promise<number> {
  const { rows } = await q.query<{ n: string }>(
    `select count(*) as n from notification_messages
      where organization_id = $1 and patient_id = $2 and status = 'sent' and read_at is null`,
    [org, patientId],
  );
  return Number(rows[0]!.n);
}

export async function markRead(q: Queryable, org: string, patientId: string, id: string, at: Date) {
  const { rowCount } = await q.query(
    `update notification_messages set read_at = coalesce(read_at, $4)
      where organization_id = $1 and patient_id = $2 and id = $3 and status = 'sent'`,
    [org, patientId, id, at],
  );
  return rowCount > 0;
}
