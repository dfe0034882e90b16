import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../src/platform/db/db.ts';
import { loadMigrations, migrate } from '../src/platform/db/migrate.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';

/**
 * The migrated database every test database starts as. Migrating takes longer than most suites,
 * so it is done once and copied: on PGlite a dump of a migrated data dir kept under
 * node_modules/.cache, on PostgreSQL a database that `create database … template` clones. Both
 * are named by a hash of what they are built from (the migrations, the code that applies them,
 * PGlite's version), so a changed or added migration builds a new one and a stale one is never
 * used.
 */

const here = import.meta.dirname;
const cacheDir = path.resolve(here, '../../node_modules/.cache/hourglass-test');

export async function templateKey(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of await loadMigrations()) hash.update(`${m.version}:${m.checksum}\n`);
  hash.update(await readFile(path.resolve(here, '../src/platform/db/migrate.ts')));
  hash.update(await readFile(import.meta.filename));
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

/**
 * The PostgreSQL template's database name, built first if this key has none yet. It is owned by
 * the test role, which may therefore clone it without superuser rights. Built under a name of its
 * own and renamed when complete, so concurrent runs never clone a half-migrated database.
 */
export async function postgresTemplate(adminUrl: string, key: string): Promise<string> {
  const name = `hourglass_template_${key}`;
  if (await withAdmin(adminUrl, (c) => databaseExists(c, name))) return name;
  const building = `hourglass_t_building_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${building}`));
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const db = await openPostgres(url.toString(), 1);
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await withAdmin(adminUrl, async (c) => {
      // Another run may have finished the same template first: then use theirs.
      if (!(await databaseExists(c, name))) {
        await c.query(`alter database ${building} rename to ${name}`);
      }
    });
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // duplicate_database
  } finally {
    await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${building} with (force)`));
  }
  return name;
}

async function databaseExists(c: pg.Client, name: string): Promise<boolean> {
  return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

export async function withAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What the global setup builds for a run: always the PGlite templates, PostgreSQL's with a URL. */
export interface RunTemplates {
  pglite: PgliteTemplates;
  postgres: string | undefined;
}

export async function buildRunTemplates(adminUrl: string | undefined): Promise<RunTemplates> {
  const key = await templateKey();
  return {
    // Tests that need PGlite's superuser powers (creating roles) use it on PostgreSQL runs too.
    pglite: await pgliteTemplates(key),
    postgres: adminUrl ? await postgresTemplate(adminUrl, key) : undefined,
  };
}

let provided: Promise<RunTemplates> | undefined;
/** This run's templates: from the global setup (test/global-setup.ts), or built here without it. */
function runTemplates(): Promise<RunTemplates> {
  provided ??= (async () =>
    inject('testTemplates') ?? buildRunTemplates(process.env.HOURGLASS_TEST_DATABASE_URL))();
  return provided;
}

export async function postgresTemplateName(): Promise<string> {
  const { postgres } = await runTemplates();
  if (!postgres) throw new Error('This run has no PostgreSQL template (no database URL).');
  return postgres;
}

const dumps = new Map<keyof PgliteTemplates, Promise<Blob>>();
/** A PGlite template's data dir as `openPglite` takes it, read once per process. */
export function pgliteTemplateDump(which: keyof PgliteTemplates = 'migrated'): Promise<Blob> {
  let dump = dumps.get(which);
  if (!dump) {
    dump = runTemplates().then(async (t) => new TarballBlob(await readFile(t.pglite[which])));
    dumps.set(which, dump);
  }
  return dump;
}

/** Node reads a Blob in small chunks (~0.2 s for a 28 MB template); PGlite takes it whole. */
class TarballBlob extends Blob {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    super([bytes]);
    this.#bytes = bytes;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    const copy = new ArrayBuffer(this.#bytes.byteLength);
    new Uint8Array(copy).set(this.#bytes);
    return copy;
  }
}
