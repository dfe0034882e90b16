import type { Queryable } from '../../platform/db/db.ts';
import type { Actor, SessionStage } from '../../platform/http/actor.ts';
import { findAccount, getSessionPolicy, type AccountRow } from './identity.store.ts';
import { coarseLocation, deviceLabel } from './identity.device.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import {
  endSession,
  findSessionByToken,
  insertSession,
  rotateSessionToken,
  touchSession,
  type SessionRow,
} from './identity.session-store.ts';

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
  | { kind: 'live'; actor: Actor; session: SessionRow; account: AccountRow };

/**
 * Turns a cookie token into an actor, enforcing automatic logoff on the server: a session idle
 * longer than its limit, or past its absolute lifetime, is ended here and never honoured again.
 * A live session's last-seen time moves to now.
 */
export async function resolveSession(db: Queryable, token: string, now: Date): Promise<Resolution> {
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
  const account = await findAccount(db, session.organization_id, session.account_id);
  if (!account || account.status !== 'active') {
    await endSession(db, session.id, 'disabled', now);
    return { kind: 'ended', reason: 'ended' };
  }
  await touchSession(db, session.id, now);
  return { kind: 'live', actor: actorFor(account, session), session, account };
}

export function actorFor(account: AccountRow, session: SessionRow): Actor {
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
