import type { Config } from '../../config.ts';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Anything that runs one parameterized statement: the database, or a transaction in progress. */
export interface Queryable {
  /**
   * `name` asks PostgreSQL to prepare the statement once per connection and reuse it (the same
   * name must always mean the same SQL); other databases ignore it.
   */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: { name?: string },
  ): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction: committed when it resolves, rolled back when it throws.
   * `genericPlans`: its statements use generic plans (PostgreSQL's plan_cache_mode, for this
   * transaction only), so a prepared (named) one runs its cached plan rather than being planned
   * again for its parameters: for short transactions whose statements take longer to plan than to
   * run, and whose plans do not depend on the parameters' values.
   */
  transaction<T>(
    fn: (tx: Queryable) => Promise<T>,
    options?: { genericPlans?: boolean },
  ): Promise<T>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL when DATABASE_URL is set, the embedded PGlite database under the data dir otherwise. */
export async function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Db> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.databaseUrl);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite(`${config.dataDir}/pglite`);
}
