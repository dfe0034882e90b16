import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8');
      return {
        version: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// Any fixed number: several processes starting at once against one PostgreSQL queue on it.
const MIGRATION_LOCK = 4_851_275_001;

/**
 * Applies the migrations not yet applied, each in its own transaction, in file order. An applied
 * migration whose file changed afterwards is refused: ship a new migration instead.
 */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.exec(`create table if not exists schema_migrations (
    version text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied: string[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const { rows } = await tx.query<{ checksum: string }>(
        'select checksum from schema_migrations where version = $1',
        [m.version],
      );
      if (rows[0]) {
        if (rows[0].checksum !== m.checksum) {
          throw new MigrationError(
            `Migration ${m.version} was changed after it was applied. Restore the file and add a new migration for the change.`,
          );
        }
        return false;
      }
      // Each file is a script; run it statement by statement inside this transaction.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, checksum) values ($1, $2)', [
        m.version,
        m.checksum,
      ]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/**
 * The migrations this build has that the database has not applied (all of them when it was never
 * migrated), read without writing anything: for commands that must run under a read-only role.
 */
export async function pendingMigrations(
  db: Queryable,
  migrations?: Migration[],
): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  const { rows } = await db.query<{ present: boolean }>(
    `select to_regclass('schema_migrations') is not null as present`,
  );
  if (!rows[0]!.present) return all.map((m) => m.version);
  const applied = await db.query<{ version: string }>('select version from schema_migrations');
  const done = new Set(applied.rows.map((r) => r.version));
  return all.map((m) => m.version).filter((v) => !done.has(v));
}

/**
 * Splits a migration script on semicolons that end a statement, keeping dollar-quoted bodies
 * (functions) and string literals whole, and dropping `--` comments.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const end = sql.indexOf(dollar[0], i + dollar[0].length);
      const stop = end === -1 ? sql.length : end + dollar[0].length;
      current += sql.slice(i, stop);
      i = stop;
    } else if (rest.startsWith("'")) {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'")) j += sql[j] === "'" ? 2 : 1;
      current += sql.slice(i, j + 1);
      i = j + 1;
    } else if (rest.startsWith('--')) {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? sql.length : nl;
    } else if (sql[i] === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
    } else {
      current += sql[i];
      i++;
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
