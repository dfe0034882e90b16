import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/src/config.ts';
import { seedDemo } from '../server/src/modules/demo/demo.seed.ts';
import { ensureLocalKeyring, openKeyring } from '../server/src/platform/crypto/keyring.ts';
import { createVault } from '../server/src/platform/crypto/vault.ts';
import { openDb } from '../server/src/platform/db/db.ts';
import { openPglite } from '../server/src/platform/db/pglite.ts';
import { startedClock, systemClock } from '../server/src/platform/time/clock.ts';
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

/**
 * Makes a fresh data dir hold what the server's first start leaves there before it serves: the
 * migrated database, the development keyring and the demo clinic seeded around the server's
 * clock (`HOURGLASS_CLOCK_START`, or now). It is copied from a template under `templates` (one
 * directory per test run, global-setup.ts), made by the first test file of the run that starts a
 * server on that clock; seeding it for each file cost about 3 s of that file's start. A template
 * of the real clock is one of this clinic day's (America/New_York, the demo clinic's zone), so a
 * run that passes midnight seeds the new day again.
 */
export async function seedDemoDataDir(
  dataDir: string,
  env: Record<string, string | undefined>,
  templates: string,
): Promise<void> {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const clock = env.HOURGLASS_CLOCK_START ?? `now ${day}`;
  const template = path.join(
    templates,
    createHash('sha256').update(clock).digest('hex').slice(0, 16),
  );
  if (!existsSync(template)) {
    const building = await mkdtemp(path.join(templates, 'building-'));
    try {
      await seedMigratedDataDir(building);
      await ensureLocalKeyring(building);
      const config = loadConfig({ ...env, HOURGLASS_DATA_DIR: building });
      const db = await openDb(config);
      const vault = createVault(await openKeyring(config));
      try {
        await seedDemo(db, vault, {
          appointmentsAround: config.clockStart ? startedClock(config.clockStart) : systemClock,
        });
      } finally {
        vault.keyring.close?.();
        await db.close();
      }
      await rename(building, template);
    } catch (err) {
      await rm(building, { recursive: true, force: true });
      throw err;
    }
  }
  await cp(template, dataDir, { recursive: true });
}
