import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Db } from '../src/platform/db/db.ts';
import { loadMigrations, migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';

// The PGlite side of the test template (template.ts), without vitest: the browser tests seed
// their servers' data dirs from it too (e2e/data-dir.ts).

const here = import.meta.dirname;
const cacheDir = path.resolve(here, '../../node_modules/.cache/hourglass-test');

export async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of await loadMigrations()) hash.update(`${m.version}:${m.checksum}\n`);
  hash.update(await readFile(path.resolve(here, '../src/platform/db/migrate.ts')));
  hash.update(await readFile(import.meta.filename));
  hash.update(await readFile(path.resolve(here, 'template.ts')));
  // The entry is <package>/dist/index.cjs: its package.json names PGlite's version.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  hash.update(await readFile(path.resolve(path.dirname(pgliteEntry), '../package.json')));
  return hash.digest('hex').slice(0, 16);
}

export interface PgliteTemplates {
  /** A data dir with every migration applied. */
  migrated: string;
  /** A data dir as initdb leaves it: for tests of migrating, faster to load than initdb is. */
  empty: string;
}

/** The PGlite templates' files, built first if this key has none yet. */
export async function pgliteTemplates(key: string): Promise<PgliteTemplates> {
  const files = {
    migrated: path.join(cacheDir, `pglite-${key}.tar`),
    empty: path.join(cacheDir, `pglite-${key}-empty.tar`),
  };
  if (existsSync(files.migrated) && existsSync(files.empty)) return files;
  await mkdir(cacheDir, { recursive: true });
  await removeStaleTemplates();
  const db = await openPglite('memory://');
  try {
    await leanForTests(db);
    await save(db, files.empty);
    await migrate(db);
    await save(db, files.migrated);
  } finally {
    await db.close();
  }
  return files;
}

/**
 * Every suite starts a PGlite from the template, so its start-up is most of what a suite costs.
 * Two things make it about three times cheaper and change nothing a test can see: smaller shared
 * memory (PostgreSQL's defaults size it for a server, and start-up sets it all up), and no
 * template0/template1 databases (the app uses one; loading a data dir writes every file of all
 * three into PGlite's in-memory file system).
 */
async function leanForTests(db: Db) {
  await db.exec(`alter system set shared_buffers = '16MB'`);
  await db.exec('alter system set max_connections = 10');
  await db.exec(
    `update pg_database set datistemplate = false where datname in ('template0', 'template1')`,
  );
  await db.exec('drop database template1');
  await db.exec('drop database template0');
}

/** Templates of other migrations, a day old or more (a run started meanwhile may still read one). */
async function removeStaleTemplates() {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of await readdir(cacheDir)) {
    const file = path.join(cacheDir, name);
    if ((await stat(file)).mtimeMs < dayAgo) await rm(file, { force: true });
  }
}

async function save(db: Awaited<ReturnType<typeof openPglite>>, file: string) {
  await db.exec('checkpoint');
  const dump = await db.pglite.dumpDataDir('none');
  // Written aside and renamed: a run starting meanwhile never reads half a file.
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
}
