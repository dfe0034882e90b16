import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp, type Hourglass } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';

/** The role the benchmarks create their databases with (CI's own role by default). */
const adminUrl =
  process.env.HOURGLASS_BENCH_DATABASE_URL ?? 'postgres://hourglass_ci@127.0.0.1:5432/hourglass_ci';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  /** Where the fresh database is, for clients of the benchmark's own (the raw baseline). */
  url: URL;
  /** The whole app on it, built as the server builds itself: no jobs, no log, cache off. */
  hourglass: Hourglass;
  /** Closes the app and drops the database with whatever is still connected. */
  drop(): Promise<void>;
}

/** The app built on an existing database, as the server builds itself (a benchmark's worker process). */
export function appOn(url: URL | string, opts: { jobs?: boolean } = {}): Promise<Hourglass> {
  return buildApp({ config: benchConfig(url, opts.jobs ?? false) });
}

function benchConfig(url: URL | string, jobs = false) {
  return loadConfig({
    HOURGLASS_PROFILE: 'test',
    DATABASE_URL: url.toString(),
    HOURGLASS_JOBS: String(jobs),
    HOURGLASS_LOG_LEVEL: 'silent',
    HOURGLASS_AVAILABILITY_CACHE_SECONDS: '0',
    HOURGLASS_DATA_DIR: '/nonexistent/hourglass-bench',
    HOURGLASS_WEB_DIR: '/nonexistent/web-dist',
  });
}

/** A fresh PostgreSQL database with the app built on it; `drop()` when done. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `hourglass_bench_${randomBytes(4).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const hourglass = await buildApp({ config: benchConfig(url) });
  return {
    url,
    hourglass,
    async drop() {
      await hourglass.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
