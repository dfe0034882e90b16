import type { Queryable } from '../../platform/db/db.ts';
import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { ExportContributor } from '../patients/patients.relations.service.ts';
import { documentsTable } from './intake.documents.ts';
import { answersAt } from './intake.service.ts';
import { countByVersion, listSubmissions, lockStale, rewriteAnswers } from './intake.store.ts';

const table = (name: 'intake_drafts' | 'intake_submissions'): EncryptedTable => ({
  name,
  dataClass: 'clinical',
  countByVersion: (db) => countByVersion(db, name),
  async reencryptBatch(tx, vault, org, limit) {
    const current = await vault.currentVersion(tx, org, 'clinical');
    const rows = await lockStale(tx, name, org, current, limit);
    for (const r of rows) {
      const at = answersAt(org, name, r.id);
      const sealed = await vault.encrypt(tx, at, await vault.decrypt(tx, at, r.answers));
      await rewriteAnswers(tx, name, org, r.id, vault.versionOf(sealed), sealed);
    }
    return rows.map((r) => r.id);
  },
});

/** Every table the intake module encrypts: answers (clinical) and documents. */
export const intakeEncryptedTables: EncryptedTable[] = [
  table('intake_drafts'),
  table('intake_submissions'),
  documentsTable,
];

/** The patient's submitted intake answers, for their right-of-access export. */
export function intakeExport(vault: Vault): ExportContributor {
  return async (tx: Queryable, org: string, patientId: string) => {
    const rows = await listSubmissions(tx, org, patientId);
    const intake = [];
    for (const r of rows) {
      intake.push({
        formId: r.form_id,
        version: r.version,
        submittedAt: r.submitted_at.toISOString(),
        answers: JSON.parse(
          await vault.decrypt(tx, answersAt(org, 'intake_submissions', r.id), r.answers),
        ) as unknown,
      });
    }
    return { intakeSubmissions: intake };
  };
}
