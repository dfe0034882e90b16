import pg from 'pg';
import type { Db, Queryable, QueryResult } from './db.ts';

// timestamptz as Date and int8 as string are node-postgres defaults; PGlite is set to match.

/**
 * PostgreSQL through a pool. Every statement takes a client with connect() and gives it back with
 * release(): pool.query() would destroy the connection on every error, and a busy clinic's
 * slot-taken conflicts are errors.
 */
export async function openPostgres(url: string, max = 10): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to do but not crash.
  });
  const withClient = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await fn(client);
    } catch (err) {
      if (!isStatementError(err)) broken = err as Error;
      throw err;
    } finally {
      client.release(broken);
    }
  };
  const run = async <T>(
    c: pg.PoolClient,
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ) => {
    const r = await c.query(
      options?.name
        ? { name: options.name, text: sql, values: params }
        : { text: sql, values: params },
    );
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 } satisfies QueryResult<T>;
  };
  const db: Db & { pool: pg.Pool } = {
    kind: 'postgres',
    pool,
    query: (sql, params, options) => withClient((c) => run(c, sql, params, options)),
    transaction: (fn, options) =>
      withClient(async (c) => {
        // One round trip either way: both statements go in one simple query.
        await c.query(
          options?.genericPlans ? 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan' : 'BEGIN',
        );
        try {
          const tx: Queryable = {
            query: (sql, params, options) => run(c, sql, params, options),
          };
          const result = await fn(tx);
          await c.query('COMMIT');
          return result;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    exec: async (sql) => {
      await withClient((c) => c.query(sql));
    },
    close: () => pool.end(),
  };
  await db.query('select 1');
  return db;
}

/** A statement the server refused (it has a SQLSTATE): the connection itself is still good. */
function isStatementError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08');
}
