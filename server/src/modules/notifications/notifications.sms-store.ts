import type { Queryable } from '../../platform/db/db.ts';
import type { MessageRow } from './notifications.store.ts';

/** The SQL SMS webhooks need: the vendor's delivery status, and a reply's message. */

/**
 * A vendor's status callback. Callbacks may arrive out of order (Twilio says so): a status is
 * recorded only when it is not behind the one held (`sent` after `delivered` changes nothing).
 * Answers the message's ids either way (for the audit trail), or undefined for an unknown sid.
 */
export async function setDeliveryStatus(q: Queryable, vendorId: string, status: string) {
  const { rows } = await q.query<{ id: string; patient_id: string; organization_id: string }>(
    `update notification_messages set delivery_status = $2, updated_at = now()
      where vendor_id = $1 and channel = 'sms'
        and (delivery_status is null or ${rank('delivery_status')} <= ${rank('$2')})
      returning id, patient_id, organization_id`,
    [vendorId, status],
  );
  if (rows[0]) return rows[0];
  const held = await q.query<{ id: string; patient_id: string; organization_id: string }>(
    `select id, patient_id, organization_id from notification_messages
      where vendor_id = $1 and channel = 'sms'`,
    [vendorId],
  );
  return held.rows[0];
}

/** Twilio's message statuses in the order they happen; final ones last, unknown ones first. */
const statusOrder = [
  ['accepted', 'scheduled', 'queued'],
  ['sending'],
  ['sent'],
  ['delivered', 'undelivered', 'failed', 'canceled'],
  ['read'],
];
function rank(expr: string) {
  const cases = statusOrder
    .flatMap((group, i) => group.map((s) => `when '${s}' then ${i + 1}`))
    .join(' ');
  return `(case ${expr}::text ${cases} else 0 end)`;
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
