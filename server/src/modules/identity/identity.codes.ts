import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import {
  countCodeFailure,
  countSends,
  deleteOldCodes,
  endLiveCodes,
  insertCode,
  lockLiveCode,
  markCodeUsed,
  type CodePurpose,
  type CodeRow,
} from './identity.codes-store.ts';
import { TooManyAttempts } from './identity.throttle.ts';
import { sealedAt } from './identity.vault.ts';

/**
 * Six-digit codes sent by email: a patient's second factor, a guest's proof of their email, a
 * visit link's proof that the opener holds the email on file. Each is valid 10 minutes, used
 * once, replaced by the next one sent, dead after 5 wrong tries, and stored as a keyed hash. At
 * most 10 are sent per subject (account, guest email, visit link) in an hour. Attempts are also
 * throttled per subject and address like TOTP codes (the callers use identity.attempts.ts).
 */
export const codePolicy = Object.freeze({
  lifetimeMs: 10 * 60_000,
  maxSends: 10,
  sendWindowMs: 60 * 60_000,
  maxFailures: 5,
});

export type { CodePurpose };

/** Refuses a send (TooManyAttempts, with the wait) when the subject had its sends this window. */
export async function checkSendAllowance(
  db: Queryable,
  organizationId: string,
  purpose: CodePurpose,
  subject: string,
  now: Date,
): Promise<void> {
  const since = new Date(now.getTime() - codePolicy.sendWindowMs);
  const sent = await countSends(db, organizationId, purpose, subject, since);
  if (sent.count < codePolicy.maxSends) return;
  const freeAt = sent.oldest!.getTime() + codePolicy.sendWindowMs;
  throw new TooManyAttempts(Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)));
}

/** The keyed hash a code is kept as: HMAC under the organization's index key, salted by row. */
function codeHashes(tx: Queryable, vault: Vault, organizationId: string, id: string, code: string) {
  return vault.blindIndexes(tx, organizationId, 'one_time_codes', 'code', `${id}:${code}`);
}

/**
 * A new code for the subject, replacing its live ones; returns the code to send (never stored).
 * `payload` is sealed with the row (a guest's details). Checks nothing: call checkSendAllowance.
 */
export async function issueCode(
  tx: Queryable,
  vault: Vault,
  c: {
    organizationId: string;
    purpose: CodePurpose;
    subject: string;
    sessionId?: string | undefined;
    payload?: string | undefined;
  },
  now: Date,
): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const org = c.organizationId;
  await deleteOldCodes(tx, org, new Date(now.getTime() - codePolicy.sendWindowMs));
  await endLiveCodes(tx, org, c.purpose, c.subject, now);
  await insertCode(tx, {
    id,
    organizationId: org,
    purpose: c.purpose,
    subject: c.subject,
    sessionId: c.sessionId ?? null,
    codeHash: await vault.blindIndex(tx, org, 'one_time_codes', 'code', `${id}:${code}`),
    payload:
      c.payload === undefined
        ? null
        : await vault.encrypt(tx, sealedAt(org, 'one_time_codes', 'payload', id), c.payload),
    now,
    expiresAt: new Date(now.getTime() + codePolicy.lifetimeMs),
  });
  return { id, code };
}

export interface ClaimedCode {
  id: string;
  /** The sealed payload, opened. */
  payload: string | null;
}

/**
 * Spends the subject's live code when `code` is it; otherwise counts a failure against it and
 * answers null. Run it in a transaction that commits either way (the failure must stick).
 */
export async function claimCode(
  tx: Queryable,
  vault: Vault,
  q: {
    organizationId: string;
    purpose: CodePurpose;
    subjects: string[];
    sessionId?: string | undefined;
    code: string;
  },
  now: Date,
): Promise<ClaimedCode | null> {
  const row = await lockLiveCode(
    tx,
    q.organizationId,
    q.purpose,
    q.subjects,
    q.sessionId ?? null,
    now,
    codePolicy.maxFailures,
  );
  if (!row) return null;
  if (!(await matches(tx, vault, row, q.code))) {
    await countCodeFailure(tx, row.id, codePolicy.maxFailures);
    return null;
  }
  const payload = row.payload
    ? await vault.decrypt(
        tx,
        sealedAt(row.organization_id, 'one_time_codes', 'payload', row.id),
        row.payload,
      )
    : null;
  await markCodeUsed(tx, row.id, now);
  return { id: row.id, payload };
}

async function matches(tx: Queryable, vault: Vault, row: CodeRow, code: string) {
  const stored = Buffer.from(row.code_hash);
  for (const h of await codeHashes(tx, vault, row.organization_id, row.id, code)) {
    if (h.length === stored.length && timingSafeEqual(h, stored)) return true;
  }
  return false;
}
