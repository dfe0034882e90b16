import { DomainError } from '../http/errors.ts';
import type { Queryable } from '../db/db.ts';
import type { App } from '../http/route.ts';
import { DecryptionFailed, type FieldLocation, type Vault } from './vault.ts';

/**
 * What the API answers when a stored ciphertext fails its integrity check: a clear problem, not a
 * 500, and nothing about the value. The internal DecryptionFailed (where, which key version) is
 * kept as `cause` for the operator.
 */
export class RecordUnreadable extends DomainError {
  constructor(cause: DecryptionFailed) {
    super(
      409,
      'record-unreadable',
      'This record cannot be read',
      'A stored record failed its integrity check and was not shown. Report this request id to your administrator.',
    );
    this.cause = cause;
  }
}

/** Runs fn, turning a decryption failure into RecordUnreadable. */
export async function readingEncrypted<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DecryptionFailed) throw new RecordUnreadable(err);
    throw err;
  }
}

/**
 * Many fields decrypted a batch at a time (`vault.decryptMany`), each answered by itself: a field
 * that fails its integrity check is its own RecordUnreadable and the others still decrypt (the
 * batch is then opened one field at a time, which only a damaged record pays for).
 */
export async function decryptEach(
  vault: Vault,
  tx: Queryable,
  fields: readonly { at: FieldLocation; ciphertext: Uint8Array }[],
): Promise<(string | RecordUnreadable)[]> {
  try {
    return await vault.decryptMany(tx, fields);
  } catch (err) {
    if (!(err instanceof DecryptionFailed)) throw err;
  }
  const out: (string | RecordUnreadable)[] = [];
  for (const f of fields) {
    out.push(
      await vault.decrypt(tx, f.at, f.ciphertext).catch((err: unknown) => {
        if (err instanceof DecryptionFailed) return new RecordUnreadable(err);
        throw err;
      }),
    );
  }
  return out;
}

/**
 * Logs where a record failed to decrypt (table, column, row id, key version — never a value),
 * so the operator can find it from the request id the 409 answer carries.
 */
export function reportUnreadableRecords(app: App) {
  app.addHook('onError', async (req, _reply, err) => {
    if (err instanceof RecordUnreadable && err.cause instanceof DecryptionFailed) {
      req.log.error(
        { unreadable: { ...err.cause.location, keyVersion: err.cause.keyVersion ?? null } },
        'stored record failed to decrypt',
      );
    }
  });
}
