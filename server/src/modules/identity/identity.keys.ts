import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/db.ts';
import {
  countByIndexVersion,
  countSealedByVersion,
  lockStaleEmailIndexes,
  lockLegacyRows,
  lockStaleSealed,
  sealedColumns,
  storeSealed,
  type EmailTableName,
  type SealedTableName,
} from './identity.sealing-store.ts';
import { openEmail, sealEmail, sealedAt, type SealedColumn } from './identity.vault.ts';

const plainAccountColumns = ['display_name', 'totp_secret', 'totp_pending_secret'] as const;

/**
 * Seals what migrations 0050 and 0060 left in the clear (account and invitation emails, TOTP
 * secrets, account display names), in batches, and clears the plaintext. Runs at start before the
 * server serves; a no-op afterwards.
 */
export async function sealLegacyIdentityRows(db: Db, vault: Vault, batchSize = 200) {
  let sealed = 0;
  for (const table of ['accounts', 'invitations'] as const) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const rows = await lockLegacyRows(tx, table, batchSize);
        for (const row of rows) {
          const org = row.organization_id;
          const values: Record<string, Uint8Array | number | null> = {};
          if (row.legacy_email !== null) {
            const s = await sealEmail(tx, vault, org, table, row.id, row.legacy_email);
            Object.assign(values, {
              email: s.email,
              email_bidx: s.emailBidx,
              index_version: s.indexVersion,
            });
          }
          const plain = {
            display_name: row.legacy_display_name,
            totp_secret: row.legacy_totp_secret,
            totp_pending_secret: row.legacy_totp_pending_secret,
          };
          for (const c of plainAccountColumns) {
            const v = plain[c];
            if (v !== null)
              values[c] = await vault.encrypt(tx, sealedAt(org, 'accounts', c, row.id), v);
          }
          await storeSealed(tx, table, row.id, values, true);
        }
        return rows.length;
      });
      sealed += n;
      if (n < batchSize) break;
    }
  }
  return sealed;
}

function sealedTable(table: SealedTableName): EncryptedTable {
  return {
    name: table,
    dataClass: 'identifiers',
    countByVersion: (db) => countSealedByVersion(db, table),
    async reencryptBatch(tx, vault, organizationId, limit) {
      const current = await vault.currentVersion(tx, organizationId, 'identifiers');
      const rows = await lockStaleSealed(tx, table, organizationId, current, limit);
      for (const row of rows) {
        const values: Record<string, Uint8Array> = {};
        for (const c of sealedColumns[table] as readonly SealedColumn[]) {
          const sealed = row[c];
          if (!sealed) continue;
          const at = sealedAt(organizationId, table, c, row.id);
          values[c] = await vault.encrypt(tx, at, await vault.decrypt(tx, at, sealed));
        }
        await storeSealed(tx, table, row.id, values, false);
      }
      return rows.map((r) => r.id);
    },
  };
}

/** The email blind index of a table, for index key rotation: recomputed from the sealed email. */
function emailIndexTable(table: EmailTableName): EncryptedTable {
  return {
    name: table,
    dataClass: 'index',
    countByVersion: (db) => countByIndexVersion(db, table),
    async reencryptBatch(tx, vault, organizationId, limit) {
      const current = await vault.currentVersion(tx, organizationId, 'index');
      const rows = await lockStaleEmailIndexes(tx, table, organizationId, current, limit);
      for (const row of rows) {
        const email = await openEmail(tx, vault, table, row);
        await storeSealed(
          tx,
          table,
          row.id,
          {
            email_bidx: await vault.blindIndex(tx, organizationId, table, 'email', email),
            index_version: await vault.indexVersion(tx, organizationId),
          },
          false,
        );
      }
      return rows.map((r) => r.id);
    },
  };
}

/** Every table the identity module encrypts or indexes, for key inventory and rotation. */
export const identityEncryptedTables: EncryptedTable[] = [
  sealedTable('accounts'),
  sealedTable('invitations'),
  sealedTable('one_time_codes'),
  emailIndexTable('accounts'),
  emailIndexTable('invitations'),
];
