import { mkdir } from 'node:fs/promises';
import { PGlite, types } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Db, Queryable, QueryResult } from './db.ts';

// int8 as string, the same as node-postgres, so ids and counts look alike on both databases.
const parsers = { [types.INT8]: (v: string) => v };

/**
 * The embedded database: real PostgreSQL compiled to WASM, kept in `dir` ("memory://" for tests).
 * `from`: a new database starts as a copy of this data dir (a `dumpDataDir()` tarball) instead of
 * an empty one; tests start from a migrated template this way.
 */
export async function openPglite(
  dir: string,
  options: { from?: Blob } = {},
): Promise<Db & { pglite: PGlite }> {
  if (!dir.startsWith('memory://')) await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dir,
    extensions: { btree_gist },
    parsers,
    ...(options.from ? { loadDataDir: options.from } : {}),
  });
  const run = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) => {
    const r = await q.query<T>(sql, params);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length } satisfies QueryResult<T>;
  };
  return {
    kind: 'pglite',
    pglite,
    query: (sql, params) => run(pglite, sql, params),
    transaction: (fn) =>
      pglite.transaction((tx) => {
        const q: Queryable = { query: (sql, params) => run(tx, sql, params) };
        return fn(q);
      }),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
  };
}
