import { DomainError } from '../http/errors.ts';
import type { App } from '../http/route.ts';
import { DecryptionFailed } from './vault.ts';

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
