import type { Queryable } from '../../platform/db/db.ts';
import type { AccountActor, Actor, SessionStage } from '../../platform/http/actor.ts';
import { findAccount, type AccountRow } from './identity.store.ts';
import { coarseLocation, deviceLabel } from './identity.device.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import {
  endSession,
  findSessionByToken,
  getSessionPolicy,
  insertSession,
  rotateSessionToken,
  touchSession,
  type SessionRow,
} from './identity.session-store.ts';

/** A guest session's limits (fewer when the organization's patient limits are shorter). */
export const guestSessionLimits = Object.freeze({ idleMinutes: 30, absoluteHours: 2 });

export interface IssuedSession {
  token: string;
  session: SessionRow;
  /** Seconds until the absolute lifetime ends (the cookie's Max-Age). */
  maxAgeSeconds: number;
}

/**
 * A new server-side session with a fresh 256-bit token. Its idle and absolute limits come from
 * the organization's automatic-logoff policy, fixed at creation.
 */
export async function startSession(
  tx: Queryable,
  account: AccountRow,
  opts: { stage: SessionStage; now: Date; userAgent?: string; ip?: string; steppedUp: boolean },
): Promise<IssuedSession> {
  const policy = await getSessionPolicy(tx, account.organization_id);
  const workforce = account.kind === 'workforce';
  const idleMinutes = workforce ? policy.workforce_idle_minutes : policy.patient_idle_minutes;
  const absoluteHours = workforce ? policy.workforce_absolute_hours : policy.patient_absolute_hours;
  const token = newToken();
  const expiresAt = new Date(opts.now.getTime() + absoluteHours * 3_600_000);
  const session = await insertSession(tx, {
    organizationId: account.organization_id,
    accountId: account.id,
    tokenHash: hashToken(token),
    stage: opts.stage,
    now: opts.now,
    idleSeconds: idleMinutes * 60,
    expiresAt,
    steppedUpAt: opts.steppedUp ? opts.now : null,
    deviceLabel: deviceLabel(opts.userAgent),
    coarseLocation: coarseLocation(opts.ip),
  });
  return { token, session, maxAgeSeconds: absoluteHours * 3600 };
}

/**
 * A guest session (identity.guests.ts, identity.visit-links.ts): acts for one patient record and
 * reaches only its appointments; 30 minutes idle, 2 hours at most, and never longer than the
 * organization's patient limits. `id` is chosen by the caller (its audit events name it first).
 */
export async function startGuestSession(
  tx: Queryable,
  g: {
    id: string;
    organizationId: string;
    patientId: string;
    scope: 'booking' | 'visit';
    appointmentIds: string[];
    appointmentTypeIds: string[];
    now: Date;
    userAgent?: string | undefined;
    ip?: string | undefined;
  },
): Promise<IssuedSession> {
  const policy = await getSessionPolicy(tx, g.organizationId);
  const idleMinutes = Math.min(policy.patient_idle_minutes, guestSessionLimits.idleMinutes);
  const hours = Math.min(policy.patient_absolute_hours, guestSessionLimits.absoluteHours);
  const token = newToken();
  const session = await insertSession(tx, {
    id: g.id,
    organizationId: g.organizationId,
    accountId: null,
    guest: {
      patientId: g.patientId,
      scope: g.scope,
      appointmentIds: g.appointmentIds,
      appointmentTypeIds: g.appointmentTypeIds,
    },
    tokenHash: hashToken(token),
    stage: 'full',
    now: g.now,
    idleSeconds: idleMinutes * 60,
    expiresAt: new Date(g.now.getTime() + hours * 3_600_000),
    steppedUpAt: null,
    deviceLabel: deviceLabel(g.userAgent),
    coarseLocation: coarseLocation(g.ip),
  });
  return { token, session, maxAgeSeconds: hours * 3600 };
}

/** The same session under a new token: after MFA completes, and on any privilege change. */
export async function rotateSession(
  tx: Queryable,
  session: SessionRow,
  change: { stage?: SessionStage; steppedUpAt?: Date },
  now: Date,
): Promise<IssuedSession> {
  const token = newToken();
  await rotateSessionToken(tx, session.id, { tokenHash: hashToken(token), ...change });
  return {
    token,
    session: { ...session, ...(change.stage ? { stage: change.stage } : {}) },
    maxAgeSeconds: Math.max(0, (session.expires_at.getTime() - now.getTime()) / 1000),
  };
}

export type Resolution =
  | { kind: 'none' }
  | { kind: 'ended'; reason: 'idle' | 'expired' | 'ended' }
  /** `account` is null for a guest session. */
  | { kind: 'live'; actor: Actor; session: SessionRow; account: AccountRow | null };

/**
 * Turns a cookie token into an actor, enforcing automatic logoff on the server: a session idle
 * longer than its limit, or past its absolute lifetime, is ended here and never honoured again.
 * A live session's last-seen time moves to now, unless the request says it was made in the
 * background (`background`: a page polling, not a person acting), which must not keep it alive.
 */
export async function resolveSession(
  db: Queryable,
  token: string,
  now: Date,
  opts: { background?: boolean } = {},
): Promise<Resolution> {
  const session = await findSessionByToken(db, hashToken(token));
  if (!session) return { kind: 'none' };
  if (session.ended_at) return { kind: 'ended', reason: 'ended' };
  if (now.getTime() >= session.expires_at.getTime()) {
    await endSession(db, session.id, 'expired', now);
    return { kind: 'ended', reason: 'expired' };
  }
  if (now.getTime() - session.last_seen_at.getTime() >= session.idle_seconds * 1000) {
    await endSession(db, session.id, 'idle', now);
    return { kind: 'ended', reason: 'idle' };
  }
  const account = session.account_id
    ? ((await findAccount(db, session.organization_id, session.account_id)) ?? null)
    : null;
  if (session.account_id && (!account || account.status !== 'active')) {
    await endSession(db, session.id, 'disabled', now);
    return { kind: 'ended', reason: 'ended' };
  }
  const live = opts.background ? session : { ...session, last_seen_at: now };
  if (!opts.background) await touchSession(db, session.id, now);
  const actor = account ? actorFor(account, live) : guestActorFor(live);
  return { kind: 'live', actor, session: live, account };
}

/** When the session ends if nothing happens: idle timeout or absolute lifetime, the earlier. */
export function idleExpiresAt(session: SessionRow): Date {
  const idle = session.last_seen_at.getTime() + session.idle_seconds * 1000;
  return new Date(Math.min(idle, session.expires_at.getTime()));
}

/** A guest session's actor: a patient actor with the guest marker; its id is the session's. */
export function guestActorFor(session: SessionRow): AccountActor {
  return {
    type: 'patient',
    id: session.id,
    organizationId: session.organization_id,
    patientId: session.guest_patient_id!,
    session: { id: session.id, stage: session.stage, steppedUpAt: null },
    guest: {
      scope: session.guest_scope!,
      appointmentIds: [...session.guest_appointment_ids],
      appointmentTypeIds: [...session.guest_appointment_type_ids],
    },
  };
}

export function actorFor(account: AccountRow, session: SessionRow): AccountActor {
  const info = { id: session.id, stage: session.stage, steppedUpAt: session.stepped_up_at };
  if (account.kind === 'patient') {
    return {
      type: 'patient',
      id: account.id,
      organizationId: account.organization_id,
      patientId: account.patient_id!,
      session: info,
    };
  }
  return {
    type: 'user',
    id: account.id,
    organizationId: account.organization_id,
    roles: [...account.roles],
    locationIds: [...account.location_ids],
    providerId: account.provider_id,
    session: info,
  };
}
