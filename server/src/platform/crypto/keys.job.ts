import type { Db } from '../db/db.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Logger } from '../log/log.ts';
import { keyAudit, type AuditWriter } from './keys.audit.ts';
import { reencryptAll, type EncryptedTable } from './keys.ts';
import type { Vault } from './vault.ts';

export const reencryptQueue = 'keys-reencrypt';
/** The audit trail's name for this job. */
export const reencryptJob = 'keys.reencrypt-job';

/**
 * The background re-encryption job: every process runs the worker; a schedule sweeps every ten
 * minutes, so rows left under an old version (a rotation with --no-reencrypt, an interrupted run)
 * move onto the current key without anyone waiting. Progress is logged with ids and counts only.
 * Each batch it moves leaves a `keys.reencrypt` (or `keys.reindex`) event with its rows' ids; a
 * sweep with nothing to move leaves none (it runs every ten minutes in every process). A sweep
 * that fails leaves a `failed` event and is retried by pg-boss.
 */
export async function startReencryptWorker(
  jobs: Jobs,
  deps: { db: Db; vault: Vault; tables: EncryptedTable[]; log: Logger; audit: AuditWriter },
) {
  const audit = keyAudit(deps.audit, reencryptJob);
  await jobs.boss.createQueue(reencryptQueue);
  await jobs.boss.schedule(reencryptQueue, '*/10 * * * *');
  await jobs.boss.work(reencryptQueue, async () => {
    const rows = await reencryptAll(deps.db, deps.vault, deps.tables, {
      audit,
      onProgress: (p) => deps.log.info({ reencrypt: p }, 're-encryption progress'),
    }).catch(async (err: unknown) => {
      await audit.failed({ action: 'keys.reencrypt', resourceType: 'data_key' });
      throw err;
    });
    if (rows > 0) deps.log.info({ rows }, 're-encryption finished');
  });
}
