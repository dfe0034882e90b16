import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';

/**
 * Growing delays after failed sign-in, MFA and reset attempts, per account and per source
 * address. There is no permanent lockout: the longest wait is 15 minutes, so an attacker cannot
 * lock a clinic out, and failures are forgotten a day after the last one. The account key is a
 * hash of organization and email, so unknown emails are throttled exactly like known ones.
 */
export type ThrottleKind = 'sign_in' | 'mfa' | 'reset';

export const throttlePolicy = Object.freeze({
  /** Failures allowed before any delay, per account and per source address. */
  freeFailures: { account: 3, address: 20 },
  maxDelaySeconds: 15 * 60,
  forgetAfterMs: 24 * 3_600_000,
});

/** Seconds to wait after `failures` failures: 0, then 1, 2, 4, 8 ... up to 15 minutes. */
export function throttleDelaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free), throttlePolicy.maxDelaySeconds);
}

export class TooManyAttempts extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'too-many-attempts',
      'Too many attempts',
      `Too many failed attempts. Wait ${retryAfterSeconds} seconds and try again.`,
      { extensions: { retryAfterSeconds } },
    );
  }
}

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(
  organizationId: string,
  accountHandle: string,
  ip: string,
): ThrottleKeys {
  const h = createHash('sha256').update(`${organizationId}\n${accountHandle}`).digest('hex');
  return { account: `account:${h}`, address: `address:${ip}` };
}

interface Row {
  key: string;
  failures: number;
  last_failure_at: Date;
}

/** Throws TooManyAttempts when either key is still waiting out its delay. */
export async function checkThrottle(
  db: Queryable,
  kind: ThrottleKind,
  keys: ThrottleKeys,
  now: Date,
): Promise<void> {
  const { rows } = await db.query<Row>(
    'select key, failures, last_failure_at from auth_throttle where kind = $1 and key = any($2)',
    [kind, [keys.account, keys.address]],
  );
  let wait = 0;
  for (const r of rows) {
    const since = now.getTime() - r.last_failure_at.getTime();
    if (since > throttlePolicy.forgetAfterMs) continue;
    const free =
      r.key === keys.account
        ? throttlePolicy.freeFailures.account
        : throttlePolicy.freeFailures.address;
    const remaining = throttleDelaySeconds(r.failures, free) * 1000 - since;
    wait = Math.max(wait, Math.ceil(remaining / 1000));
  }
  if (wait > 0) throw new TooManyAttempts(wait);
}

export async function recordFailure(
  db: Queryable,
  kind: ThrottleKind,
  keys: ThrottleKeys,
  now: Date,
): Promise<void> {
  const forgetBefore = new Date(now.getTime() - throttlePolicy.forgetAfterMs);
  for (const key of [keys.account, keys.address]) {
    await db.query(
      `insert into auth_throttle (key, kind, failures, last_failure_at) values ($1, $2, 1, $3)
       on conflict (key, kind) do update set
         failures = case when auth_throttle.last_failure_at < $4 then 1
                         else auth_throttle.failures + 1 end,
         last_failure_at = $3`,
      [key, kind, now, forgetBefore],
    );
  }
}

/** A success clears the account's count (not the address's: one good account must not unlock it). */
export async function recordSuccess(db: Queryable, kind: ThrottleKind, keys: ThrottleKeys) {
  await db.query('delete from auth_throttle where kind = $1 and key = $2', [kind, keys.account]);
}
