import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp, type BuildOptions, type Hourglass } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Db } from '../src/platform/db/db.ts';
import { openPglite } from '../src/platform/db/pglite.ts';
import { openPostgres } from '../src/platform/db/postgres.ts';
import { pgliteTemplateDump, postgresTemplateName, withAdmin } from './template.ts';

/**
 * Tests run on PGlite in memory by default. With HOURGLASS_TEST_DATABASE_URL (a role that may
 * create databases) each test database is a fresh PostgreSQL database, dropped afterwards. Either
 * way it starts as a copy of the run's migrated template (test/template.ts).
 */
export const adminUrl = process.env.HOURGLASS_TEST_DATABASE_URL;

export interface TestDb {
  db: Db;
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A database of its own for a suite: a copy of the migrated template, or with `empty`, one that
 * was never migrated (for tests of migrating itself).
 */
export async function createTestDb(options: { empty?: boolean } = {}): Promise<TestDb> {
  if (!adminUrl) {
    const from = await pgliteTemplateDump(options.empty ? 'empty' : 'migrated');
    const db = await openPglite('memory://', { from });
    return { db, url: undefined, drop: () => db.close() };
  }
  const name = `hourglass_t_${randomBytes(6).toString('hex')}`;
  const from = options.empty ? '' : ` template ${await postgresTemplateName()}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}${from}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), 4);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Makes `dataDir` hold an embedded database as the CLI finds it after `hourglass migrate` (or,
 * with `empty`, after initdb): for tests of the CLI on PGlite, whose first command would otherwise
 * create it on disk, the slowest step of those tests.
 */
export async function seedPgliteDataDir(
  dataDir: string,
  options: { empty?: boolean } = {},
): Promise<void> {
  const from = await pgliteTemplateDump(options.empty ? 'empty' : 'migrated');
  const db = await openPglite(path.join(dataDir, 'pglite'), { from });
  await db.close();
}

/** One key-encryption key per test process: test data is never readable outside it. */
export const testKeyringKeys = `1:${randomBytes(32).toString('base64')}`;

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    HOURGLASS_KEYRING: 'env',
    HOURGLASS_KEYRING_KEYS: testKeyringKeys,
    HOURGLASS_PROFILE: 'test',
    HOURGLASS_DATA_DIR: '/nonexistent/hourglass-test',
    HOURGLASS_JOBS: 'false',
    HOURGLASS_LOG_LEVEL: 'info',
    HOURGLASS_WEB_DIR: '/nonexistent/web-dist',
    ...env,
  });
}

export interface TestApp extends Hourglass {
  /** Every log line written so far, as text. */
  logs: string[];
}

/** The real app, built the way main.ts builds it, on a fresh database, with its log captured. */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    extraRoutes?: BuildOptions['extraRoutes'];
    clock?: BuildOptions['clock'];
    mailer?: BuildOptions['mailer'];
  } = {},
): Promise<TestApp> {
  const testDb = await createTestDb();
  const config = testConfig({
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const hourglass = await buildApp({
    config,
    db: testDb.db,
    logStream,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  }).catch(async (err: unknown) => {
    await testDb.drop();
    throw err;
  });
  return {
    ...hourglass,
    logs,
    async close() {
      await hourglass.app.close();
      await hourglass.jobs?.stop();
      await testDb.drop();
    },
  };
}
