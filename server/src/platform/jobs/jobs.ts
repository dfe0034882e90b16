import { PgBoss, fromPglite, type SendOptions } from 'pg-boss';
import type { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from '../db/db.ts';
import type { Logger } from '../log/log.ts';

export interface Jobs {
  readonly boss: PgBoss;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True when the queue's tables answer. */
  ready(): Promise<boolean>;
  /**
   * Queues a job. With `tx`, the job is written inside that transaction, so it exists exactly
   * when the change that caused it commits (a booking and its reminders).
   */
  send(
    queue: string,
    data: object,
    options?: SendOptions & { tx?: Queryable },
  ): Promise<string | null>;
  /** Cancels queued jobs; with `tx`, inside that transaction (a cancelled appointment's reminders). */
  cancel(queue: string, ids: string[], options?: { tx?: Queryable }): Promise<void>;
}

/** pg-boss on the application's own database: PGlite's adapter when embedded, a small pool otherwise. */
export function createJobs(db: Db, opts: { databaseUrl: string | undefined; log: Logger }): Jobs {
  const boss = opts.databaseUrl
    ? new PgBoss({ connectionString: opts.databaseUrl, max: 4, schema: 'pgboss' })
    : new PgBoss({
        db: fromPglite((db as Db & { pglite: PGlite }).pglite),
        backend: 'pglite',
        schema: 'pgboss',
      });
  let started = false;
  boss.on('error', (err) => opts.log.error({ err }, 'job queue error'));
  return {
    boss,
    async start() {
      await boss.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, close: true, timeout: 10_000 });
    },
    async ready() {
      if (!started) return false;
      try {
        await boss.getDb().executeSql('select 1 from pgboss.version');
        return true;
      } catch {
        return false;
      }
    },
    send(queue, data, options = {}) {
      const { tx, ...rest } = options;
      return boss.send(queue, data, { ...rest, ...inTx(tx) });
    },
    async cancel(queue, ids, options = {}) {
      if (ids.length > 0) await boss.cancel(queue, ids, inTx(options.tx));
    },
  } satisfies Jobs & { boss: PgBoss } as Jobs;
}

/** pg-boss's `db` option running its statements on the caller's transaction. */
function inTx(tx: Queryable | undefined) {
  return tx
    ? { db: { executeSql: (sql: string, values?: unknown[]) => tx.query(sql, values) } }
    : {};
}
