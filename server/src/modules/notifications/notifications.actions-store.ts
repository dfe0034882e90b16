import type { Queryable } from '../../platform/db/db.ts';

/** The SQL of action-link tokens (migration 0091): stored as hashes, used once. */

export type ActionPurpose = 'confirm' | 'cancel' | 'reschedule';

export interface ActionTokenRow {
  organization_id: string;
  message_id: string;
  appointment_id: string;
  patient_id: string;
  purpose: ActionPurpose;
  expires_at: Date;
  used_at: Date | null;
}

export async function insertActionToken(
  q: Queryable,
  t: Omit<ActionTokenRow, 'used_at'> & { tokenHash: Buffer },
) {
  await q.query(
    `insert into notification_action_tokens (token_hash, organization_id, message_id,
       appointment_id, patient_id, purpose, expires_at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      t.tokenHash,
      t.organization_id,
      t.message_id,
      t.appointment_id,
      t.patient_id,
      t.purpose,
      t.expires_at,
    ],
  );
}

/**
 * Ends the live links of an appointment that is no longer booked (cancelled, moved, checked in):
 * in the transaction of that change, so no link outlives what it was about.
 */
export async function expireAppointmentTokens(q: Queryable, appointmentId: string, now: Date) {
  await q.query(
    `update notification_action_tokens set expires_at = $2
      where appointment_id = $1 and used_at is null and expires_at > $2`,
    [appointmentId, now],
  );
}

/** A live token (unused, unexpired by the app's clock), or undefined. */
export async function findLiveToken(q: Queryable, tokenHash: Buffer, now: Date) {
  const { rows } = await q.query<
    ActionTokenRow & {
      subject: string | null;
      body: string | null;
      appointment_type_id: string | null;
      channel: string | null;
    }
  >(
    `select t.organization_id, t.message_id, t.appointment_id, t.patient_id, t.purpose,
            t.expires_at, t.used_at, m.subject, m.body, m.appointment_type_id, m.channel
       from notification_action_tokens t join notification_messages m on m.id = t.message_id
      where t.token_hash = $1 and t.used_at is null and t.expires_at > $2`,
    [tokenHash, now],
  );
  return rows[0];
}

/** Takes the token for one use (a second taker gets nothing). */
export async function claimToken(q: Queryable, tokenHash: Buffer, patientId: string, now: Date) {
  const { rows } = await q.query<ActionTokenRow>(
    `update notification_action_tokens set used_at = $3
      where token_hash = $1 and patient_id = $2 and used_at is null and expires_at > $3
      returning organization_id, message_id, appointment_id, patient_id, purpose, expires_at, used_at`,
    [tokenHash, patientId, now],
  );
  return rows[0];
}

/** Gives a claimed token back when the action it was taken for was refused (cut-off, state). */
export async function releaseToken(q: Queryable, tokenHash: Buffer) {
  await q.query('update notification_action_tokens set used_at = null where token_hash = $1', [
    tokenHash,
  ]);
}

export async function recordResponse(q: Queryable, messageId: string, response: string) {
  await q.query(
    'update notification_messages set response = $2, updated_at = now() where id = $1',
    [messageId, response],
  );
}
