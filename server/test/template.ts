import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../src/platform/db/migrate.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { pgliteTemplates, templateKey, type PgliteTemplates } from './pglite-template.ts';

export { pgliteTemplates, templateKey, type PgliteTemplates };

/**
 * The migrated database every test database starts as. Migrating takes longer than most suites,
 * so it is done once and copied: on PGlite a dump of a migrated data dir kept under
 * node_modules/.cache, on PostgreSQL a database that `create database … template` clones. Both
 * are named by a hash of what they are built from (the migrations, the code that applies them,
 * PGlite's version), so a changed or added migration builds a new one and a stale one is never
 * used.
 */

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
