import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import { identityIndexes, openIdentity, sealIdentity } from './patients.identity.ts';
import {
  countIdentitiesByVersion,
  lockStaleIdentities,
  updateBlindIndexes,
  updateIdentityCiphertexts,
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

/** patient_identity's blind indexes for index key rotation: recomputed from decrypted values. */
export const patientIdentityIndexes: EncryptedTable = {
  name: 'patient_identity',
  dataClass: 'index',
  countByVersion: (db) => countIdentitiesByVersion(db, 'index_version'),
  async reencryptBatch(tx, vault, organizationId, limit) {
    const current = await vault.currentVersion(tx, organizationId, 'index');
    const rows = await lockStaleIdentities(tx, organizationId, current, limit, 'index_version');
    for (const row of rows) {
      const identity = await openIdentity(tx, vault, row);
      const indexes = await identityIndexes(tx, vault, organizationId, {
        ...identity,
        familyName: identity.legalName.family,
      });
      await updateBlindIndexes(tx, organizationId, row.patient_id, indexes);
    }
    return rows.map((r) => r.patient_id);
  },
};

/** Every table the patients module encrypts or indexes. */
export const patientsEncryptedTables: EncryptedTable[] = [
  patientIdentityTable,
  patientIdentityIndexes,
];
