import type { Queryable } from '../../platform/db/db.ts';
import { findAccountByEmail, type AccountRow } from './identity.store.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import type { FieldLocation, Vault } from '../../platform/crypto/vault.ts';

/**
 * Account and invitation emails, account display names, TOTP secrets, a pending registration's
 * identity and a guest's code payload in the vault: AES-256-GCM under the organization's
 * `identifiers` data key, bound to table, column and row. TOTP secrets are credentials rather
 * than identifiers; they share the class because they belong to the same account row and rotate
 * with it (docs/security/encryption.md). Emails are found by blind index.
 */
export type SealedTable = 'accounts' | 'invitations' | 'one_time_codes';
/** The sealed columns of an account besides its email. */
export type AccountSealedColumn =
  'display_name' | 'totp_secret' | 'totp_pending_secret' | 'pending_identity';
export type SealedColumn = 'email' | AccountSealedColumn | 'payload';

export function sealedAt(
  organizationId: string,
  table: SealedTable,
  column: SealedColumn,
  rowId: string,
): FieldLocation {
  return { organizationId, dataClass: 'identifiers', table, column, rowId };
}

/** The sealed email of a new row, its blind index and the index key version that made it. */
export async function sealEmail(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  table: SealedTable,
  rowId: string,
  email: string,
) {
  const normalized = normalize.email(email);
  return {
    email: await vault.encrypt(tx, sealedAt(organizationId, table, 'email', rowId), normalized),
    emailBidx: await vault.blindIndex(tx, organizationId, table, 'email', normalized),
    indexVersion: await vault.indexVersion(tx, organizationId),
  };
}

/** What an account look-up by email matches: the blind index under every live index key. */
export function accountEmailIndexes(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  email: string,
): Promise<Buffer[]> {
  return vault.blindIndexes(tx, organizationId, 'accounts', 'email', normalize.email(email));
}

/** The organization's account with this email, if any (exact match, by blind index). */
export async function findAccountByAddress(
  db: Queryable,
  vault: Vault,
  organizationId: string,
  email: string,
): Promise<AccountRow | undefined> {
  return findAccountByEmail(
    db,
    organizationId,
    await accountEmailIndexes(db, vault, organizationId, email),
  );
}

/** An account's email address, for mail and the password rules: decrypted only when needed. */
export function accountEmail(db: Queryable, vault: Vault, account: AccountRow): Promise<string> {
  return openEmail(db, vault, 'accounts', account);
}

export function openEmail(
  tx: Queryable,
  vault: Vault,
  table: SealedTable,
  row: { id: string; organization_id: string; email: Uint8Array },
): Promise<string> {
  return vault.decrypt(tx, sealedAt(row.organization_id, table, 'email', row.id), row.email);
}

/** Seals one of an account's fields (display name, TOTP secret, pending identity). */
export function sealAccountField(
  tx: Queryable,
  vault: Vault,
  account: { id: string; organization_id: string },
  column: AccountSealedColumn,
  value: string,
): Promise<Buffer> {
  return vault.encrypt(
    tx,
    sealedAt(account.organization_id, 'accounts', column, account.id),
    value,
  );
}

/** Opens one of an account's sealed fields; null when the field is empty. */
export async function openAccountField(
  tx: Queryable,
  vault: Vault,
  account: { id: string; organization_id: string } & Partial<
    Record<AccountSealedColumn, Uint8Array | null>
  >,
  column: AccountSealedColumn,
): Promise<string | null> {
  const sealed = account[column];
  if (!sealed) return null;
  return vault.decrypt(
    tx,
    sealedAt(account.organization_id, 'accounts', column, account.id),
    sealed,
  );
}

/** An account's display name, for the session view, account lists and the password rules. */
export async function accountDisplayName(
  db: Queryable,
  vault: Vault,
  account: AccountRow,
): Promise<string> {
  return (await openAccountField(db, vault, account, 'display_name'))!;
}
