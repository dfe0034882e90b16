import type { Queryable } from '../../platform/db/db.ts';

/**
 * The only SQL for sessions (account and guest sessions) and the automatic-logoff policy. Tokens
 * are never stored, only their SHA-256.
 */

export type EndReason =
  'sign_out' | 'idle' | 'expired' | 'revoked' | 'disabled' | 'password_changed' | 'rotated';

export interface SessionRow {
  id: string;
  organization_id: string;
  /** Null for a guest session, which acts for `guest_patient_id` instead. */
  account_id: string | null;
  stage: 'enroll' | 'mfa' | 'full';
  created_at: Date;
  last_seen_at: Date;
  idle_seconds: number;
  expires_at: Date;
  stepped_up_at: Date | null;
  device_label: string;
  coarse_location: string;
  ended_at: Date | null;
  guest_patient_id: string | null;
  guest_scope: 'booking' | 'visit' | null;
  /** The appointments a guest session booked (or its visit link names), and their types. */
  guest_appointment_ids: string[];
  guest_appointment_type_ids: string[];
}

const columns = `id::text, organization_id::text, account_id::text, stage, created_at,
  last_seen_at, idle_seconds, expires_at, stepped_up_at, device_label, coarse_location, ended_at,
  guest_patient_id::text, guest_scope, guest_appointment_ids::text[] as guest_appointment_ids,
  guest_appointment_type_ids::text[] as guest_appointment_type_ids`;

export interface NewSession {
  /** Chosen before the insert when the session's id is needed first (a guest's audit events). */
  id?: string;
  organizationId: string;
  /** An account's session, or a guest's (`guest`). */
  accountId: string | null;
  guest?: {
    patientId: string;
    scope: 'booking' | 'visit';
    appointmentIds: string[];
    appointmentTypeIds: string[];
  };
  tokenHash: Buffer;
  stage: SessionRow['stage'];
  now: Date;
  idleSeconds: number;
  expiresAt: Date;
  steppedUpAt: Date | null;
  deviceLabel: string;
  coarseLocation: string;
}

export async function insertSession(db: Queryable, s: NewSession): Promise<SessionRow> {
  const { rows } = await db.query<SessionRow>(
    `insert into sessions (organization_id, account_id, token_hash, stage, created_at,
       last_seen_at, idle_seconds, expires_at, stepped_up_at, device_label, coarse_location,
       id, guest_patient_id, guest_scope, guest_appointment_ids, guest_appointment_type_ids)
     values ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, coalesce($11, gen_random_uuid()),
       $12, $13, $14::uuid[], $15::uuid[])
     returning ${columns}`,
    [
      s.organizationId,
      s.accountId,
      s.tokenHash,
      s.stage,
      s.now,
      s.idleSeconds,
      s.expiresAt,
      s.steppedUpAt,
      s.deviceLabel,
      s.coarseLocation,
      s.id ?? null,
      s.guest?.patientId ?? null,
      s.guest?.scope ?? null,
      s.guest?.appointmentIds ?? [],
      s.guest?.appointmentTypeIds ?? [],
    ],
  );
  return rows[0]!;
}

/** A guest session remembers an appointment it created (and its type, for the intake form). */
export async function addGuestAppointment(
  db: Queryable,
  sessionId: string,
  appointmentId: string,
  appointmentTypeId: string,
): Promise<void> {
  await db.query(
    `update sessions set
       guest_appointment_ids = array_append(guest_appointment_ids, $2::uuid),
       guest_appointment_type_ids = case when $3::uuid = any(guest_appointment_type_ids)
         then guest_appointment_type_ids else array_append(guest_appointment_type_ids, $3::uuid) end
     where id = $1 and account_id is null and ended_at is null`,
    [sessionId, appointmentId, appointmentTypeId],
  );
}

export async function findSessionByToken(
  db: Queryable,
  tokenHash: Buffer,
): Promise<SessionRow | undefined> {
  const { rows } = await db.query<SessionRow>(
    `select ${columns} from sessions where token_hash = $1`,
    [tokenHash],
  );
  return rows[0];
}

export async function touchSession(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    'update sessions set last_seen_at = greatest(last_seen_at, $2) where id = $1 and ended_at is null',
    [id, now],
  );
}

/** A new token for the same session (sign-in completion, privilege change), and its new stage. */
export async function rotateSessionToken(
  db: Queryable,
  id: string,
  change: { tokenHash: Buffer; stage?: SessionRow['stage']; steppedUpAt?: Date },
): Promise<void> {
  await db.query(
    `update sessions set token_hash = $2, stage = coalesce($3, stage),
       stepped_up_at = coalesce($4, stepped_up_at)
     where id = $1 and ended_at is null`,
    [id, change.tokenHash, change.stage ?? null, change.steppedUpAt ?? null],
  );
}

export async function markSteppedUp(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('update sessions set stepped_up_at = $2 where id = $1 and ended_at is null', [
    id,
    at,
  ]);
}

export async function endSession(
  db: Queryable,
  id: string,
  reason: EndReason,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'update sessions set ended_at = $3, end_reason = $2 where id = $1 and ended_at is null',
    [id, reason, at],
  );
  return rowCount === 1;
}

/** Ends a live session of this account by id; false when it is not the account's or not live. */
export async function endAccountSession(
  db: Queryable,
  accountId: string,
  id: string,
  reason: EndReason,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update sessions set ended_at = $4, end_reason = $3
      where id = $2 and account_id = $1 and ended_at is null`,
    [accountId, id, reason, at],
  );
  return rowCount === 1;
}

export async function endAllSessions(
  db: Queryable,
  organizationId: string,
  accountId: string,
  reason: EndReason,
  at: Date,
  exceptId?: string,
): Promise<number> {
  const { rowCount } = await db.query(
    `update sessions set ended_at = $3, end_reason = $4
      where organization_id = $1 and account_id = $2 and ended_at is null
        and ($5::uuid is null or id <> $5)`,
    [organizationId, accountId, at, reason, exceptId ?? null],
  );
  return rowCount;
}

export async function listLiveSessions(
  db: Queryable,
  organizationId: string,
  accountId: string,
  now: Date,
): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>(
    `select ${columns} from sessions
      where organization_id = $1 and account_id = $2 and ended_at is null and expires_at > $3
        and last_seen_at + make_interval(secs => idle_seconds) > $3
      order by last_seen_at desc`,
    [organizationId, accountId, now],
  );
  return rows;
}

// Automatic logoff policy

export interface SessionPolicyRow {
  workforce_idle_minutes: number;
  workforce_absolute_hours: number;
  patient_idle_minutes: number;
  patient_absolute_hours: number;
}

export const defaultSessionPolicy: SessionPolicyRow = Object.freeze({
  workforce_idle_minutes: 15,
  workforce_absolute_hours: 12,
  patient_idle_minutes: 30,
  patient_absolute_hours: 24,
});

export async function getSessionPolicy(
  db: Queryable,
  organizationId: string,
): Promise<SessionPolicyRow> {
  const { rows } = await db.query<SessionPolicyRow>(
    `select workforce_idle_minutes, workforce_absolute_hours, patient_idle_minutes,
            patient_absolute_hours
       from organization_session_policy where organization_id = $1`,
    [organizationId],
  );
  return rows[0] ?? defaultSessionPolicy;
}

export async function putSessionPolicy(
  db: Queryable,
  organizationId: string,
  p: SessionPolicyRow,
): Promise<void> {
  await db.query(
    `insert into organization_session_policy (organization_id, workforce_idle_minutes,
       workforce_absolute_hours, patient_idle_minutes, patient_absolute_hours)
     values ($1, $2, $3, $4, $5)
     on conflict (organization_id) do update set
       workforce_idle_minutes = excluded.workforce_idle_minutes,
       workforce_absolute_hours = excluded.workforce_absolute_hours,
       patient_idle_minutes = excluded.patient_idle_minutes,
       patient_absolute_hours = excluded.patient_absolute_hours`,
    [
      organizationId,
      p.workforce_idle_minutes,
      p.workforce_absolute_hours,
      p.patient_idle_minutes,
      p.patient_absolute_hours,
    ],
  );
}
