import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openPglite } from '../server/src/platform/db/pglite.ts';
import { pgliteTemplates, templateKey } from '../server/test/pglite-template.ts';

/**
 * Makes a fresh data dir hold the embedded database already migrated, as the server suite's
 * template has it (server/test/template.ts, built once and kept under node_modules/.cache): the
 * server's first start would otherwise create the database on disk and apply every migration,
 * about 20 s of each browser test file's start on a busy machine. What the server does on its
 * own start (keyring, demo clinic on the test's clock) is unchanged.
 */
export async function seedMigratedDataDir(dataDir: string): Promise<void> {
  const { migrated } = await pgliteTemplates(await templateKey());
  const bytes = await readFile(migrated);
  const db = await openPglite(path.join(dataDir, 'pglite'), { from: new Blob([bytes]) });
  await db.close();
}
