import type { KeyAudit } from '../../platform/crypto/keys.audit.ts';
import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import { DecryptionFailed, type Vault } from '../../platform/crypto/vault.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import { identityIndexes, openIdentity, sealIdentity } from './patients.identity.ts';
import {
  countIdentitiesByVersion,
  lockStaleIdentities,
  lockUnindexedIdentities,
  updateBlindIndexes,
  updateIdentityCiphertexts,
  type IdentityRow,
} from './patients.store.ts';

/** patient_identity for key management: inventory counts and batch re-encryption. */
export const patientIdentityTable: EncryptedTable = {
  name: 'patient_identity',
  dataClass: 'identifiers',
  countByVersion: (db) => countIdentitiesByVersion(db),
  async reencryptBatch(tx, vault, organizationId, limit) {
    const current = await vault.currentVersion(tx, organizationId, 'identifiers');
    const rows = await lockStaleIdentities(tx, organizationId, current, limit);
    for (const row of rows) {
      const identity = await openIdentity(tx, vault, row);
      await updateIdentityCiphertexts(
        tx,
        await sealIdentity(tx, vault, organizationId, row.patient_id, identity),
      );
    }
    return rows.map((r) => r.patient_id);
  },
};

/** Recomputes every blind index of a row from its decrypted values, under the current key. */
async function reindex(tx: Queryable, vault: Vault, row: IdentityRow) {
  const identity = await openIdentity(tx, vault, row);
  const indexes = await identityIndexes(tx, vault, row.organization_id, {
    ...identity,
    familyName: identity.legalName.family,
  });
  await updateBlindIndexes(tx, row.organization_id, row.patient_id, indexes);
}

/**
 * patient_identity's blind indexes for index key rotation: recomputed from decrypted values,
 * every column at once (the search indexes of 0080 included).
 */
export const patientIdentityIndexes: EncryptedTable = {
  name: 'patient_identity',
  dataClass: 'index',
  countByVersion: (db) => countIdentitiesByVersion(db, 'index_version'),
  async reencryptBatch(tx, vault, organizationId, limit) {
    const current = await vault.currentVersion(tx, organizationId, 'index');
    const rows = await lockStaleIdentities(tx, organizationId, current, limit, 'index_version');
    for (const row of rows) await reindex(tx, vault, row);
    return rows.map((r) => r.patient_id);
  },
};

/**
 * Gives the patients stored before migration 0080 their search indexes (all their blind indexes
 * recomputed under the current index key, as re-indexing does), in batches, before the server
 * serves. Each batch leaves a `keys.reindex` event per organization with its rows' ids. A row
 * that does not decrypt is left as it is and reported (by id): a tampered record must not keep
 * the clinic's server from starting. A no-op once every row is indexed.
 */
export async function indexForSearch(db: Db, vault: Vault, audit: KeyAudit, batchSize = 200) {
  let indexed = 0;
  const unreadable: string[] = [];
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await lockUnindexedIdentities(tx, batchSize, unreadable);
      const done: { organizationId: string; id: string }[] = [];
      for (const row of rows) {
        try {
          await reindex(tx, vault, row);
          done.push({ organizationId: row.organization_id, id: row.patient_id });
        } catch (err) {
          if (!(err instanceof DecryptionFailed)) throw err;
          unreadable.push(row.patient_id);
        }
      }
      if (done.length > 0) {
        const event = { action: 'keys.reindex', resourceType: 'patient_identity' };
        await audit.perOrganization(event, done, tx);
      }
      indexed += done.length;
      return rows.length;
    });
    if (n < batchSize) return { indexed, unreadable };
  }
}

/** Every table the patients module encrypts or indexes. */
export const patientsEncryptedTables: EncryptedTable[] = [
  patientIdentityTable,
  patientIdentityIndexes,
];
