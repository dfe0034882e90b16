import type { Queryable } from '../../platform/db/db.ts';
import type { MessageRow } from './notifications.store.ts';

/** The SQL SMS webhooks need: the vendor's delivery status, and a reply's message. */

export async function setDeliveryStatus(q: Queryable, vendorId: string, status: string) {
  const { rows } = await q.query<{ id: string; patient_id: string; organization_id: string }>(
    `update notification_messages set delivery_status = $2, updated_at = now()
      where vendor_id = $1 and channel = 'sms' returning id, patient_id, organization_id`,
    [vendorId, status],
  );
  return rows[0];
}

/** The last SMS sent to the number whose keyed digest this is. */
export async function lastSentTo(q: Queryable, digest: Buffer) {
  const { rows } = await q.query<MessageRow>(
    `select * from notification_messages
      where recipient_digest = $1 and status = 'sent' and channel = 'sms'
      order by sent_at desc limit 1`,
    [digest],
  );
  return rows[0];
}
