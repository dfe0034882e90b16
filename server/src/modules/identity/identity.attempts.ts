import type { AuditEntry } from '../../platform/http/route.ts';
import type { IdentityDeps } from './identity.deps.ts';
import {
  checkThrottle,
  recordFailure,
  TooManyAttempts,
  type ThrottleKeys,
  type ThrottleKind,
} from './identity.throttle.ts';

/**
 * Sign-in, MFA and step-up attempts that fail or are throttled. Their audit events are written
 * outside any transaction: the request ends in an error, and the event must outlive it (it then
 * stands for the request's one event, see route.ts). The alert rules count them per account and
 * address (repeated_denials).
 */

/** Checks the throttle; an attempt it refuses is audited as `denied` before TooManyAttempts goes up. */
export async function admitAttempt(
  deps: Pick<IdentityDeps, 'db' | 'audit'>,
  kind: ThrottleKind,
  keys: ThrottleKeys,
  now: Date,
  refused: AuditEntry,
): Promise<void> {
  try {
    await checkThrottle(deps.db, kind, keys, now);
  } catch (err) {
    if (err instanceof TooManyAttempts) await deps.audit.record({ ...refused, outcome: 'denied' });
    throw err;
  }
}

/** A wrong password or code: audited as `failed`, then counted towards the throttle. */
export async function failAttempt(
  deps: Pick<IdentityDeps, 'db' | 'audit'>,
  kind: ThrottleKind,
  keys: ThrottleKeys,
  now: Date,
  failed: AuditEntry,
): Promise<void> {
  await deps.audit.record({ ...failed, outcome: 'failed' });
  await deps.db.transaction((tx) => recordFailure(tx, kind, keys, now));
}
