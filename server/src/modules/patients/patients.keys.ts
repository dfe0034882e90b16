import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import { openIdentity, sealIdentity } from './patients.identity.ts';
import {
  countIdentitiesByVersion,
  lockStaleIdentities,
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
    return rows.length;
  },
};

/** Every table the patients module encrypts. */
export const patientsEncryptedTables: EncryptedTable[] = [patientIdentityTable];
