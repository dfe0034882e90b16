import type { Db } from '../db/db.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { Logger } from '../log/log.ts';
import { reencryptAll, type EncryptedTable } from './keys.ts';
import type { Vault } from './vault.ts';

export const reencryptQueue = 'keys-reencrypt';

/**
 * The background re-encryption job: every process runs the worker; a schedule sweeps every ten
 * minutes, so rows left under an old version (a rotation with --no-reencrypt, an interrupted run)
 * move onto the current key without anyone waiting. Progress is logged with ids and counts only.
 */
export async function startReencryptWorker(
  jobs: Jobs,
  deps: { db: Db; vault: Vault; tables: EncryptedTable[]; log: Logger },
) {
  await jobs.boss.createQueue(reencryptQueue);
  await jobs.boss.schedule(reencryptQueue, '*/10 * * * *');
  await jobs.boss.work(reencryptQueue, async () => {
    const rows = await reencryptAll(deps.db, deps.vault, deps.tables, {
      onProgress: (p) => deps.log.info({ reencrypt: p }, 're-encryption progress'),
    });
    if (rows > 0) deps.log.info({ rows }, 're-encryption finished');
  });
}
