import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { DomainError, Invalid } from '../../platform/http/errors.ts';
import * as store from './booking.idempotency-store.ts';

/**
 * `Idempotency-Key` on a hold: a retry with the same key and the same request gets the first
 * answer; the same key with another request is a 422, never the first answer to a different
 * question. "The same request" is the parsed body (defaults applied, key order ignored).
 */

export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(
      422,
      'idempotency-key-reused',
      'This Idempotency-Key was used for another request',
      'This Idempotency-Key was first sent with a different request. Send a new key with a new request.',
    );
  }
}

/** The key as sent, checked: 8 to 200 characters. */
export function checkedKey(key: string | undefined): string | undefined {
  if (key !== undefined && (key.length < 8 || key.length > 200)) {
    throw new Invalid('An Idempotency-Key is 8 to 200 characters.', [
      { pointer: '/header/idempotency-key', detail: 'length 8–200' },
    ]);
  }
  return key || undefined;
}

/** SHA-256 of the parsed request with its keys in order: what a key is bound to. */
export function requestDigest(input: object): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * The appointment a key first created, when this is a retry of that request; undefined for a new
 * key. A key sent before with another request → IdempotencyKeyReused.
 */
export async function firstAnswer(
  db: Queryable,
  organizationId: string,
  owner: string,
  key: string,
  digest: string,
): Promise<string | undefined> {
  const first = await store.findIdempotent(db, organizationId, owner, key);
  if (!first) return undefined;
  if (first.request_digest !== null && first.request_digest !== digest) {
    throw new IdempotencyKeyReused();
  }
  return first.appointment_id;
}
