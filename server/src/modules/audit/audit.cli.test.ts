import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHourglass } from '../../../test/cli.ts';
import { adminUrl, createTestDb, seedPgliteDataDir, testConfig } from '../../../test/harness.ts';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite.ts';
import { fileWitness } from './audit.checkpoint.ts';
import { createSealer } from './audit.sealer.ts';
import { loadAuditSigner } from './audit.signing.ts';
import { listAuditEvents } from './audit.store.ts';
import { insertRule } from './audit.alerts.store.ts';
import { asAttacker, orgId, recordReads, settleGenerously } from './audit.testkit.ts';

// The `hourglass audit` command against a trail sealed with the development key of its data dir:
// on PGlite in that data dir, or on the PostgreSQL test database.

const bin = path.resolve(import.meta.dirname, '../../../bin/hourglass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-audit-cli-'));
let databaseUrl: string | undefined;
let dropDb: () => Promise<void> = async () => undefined;

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (databaseUrl) {
    const { openPostgres } = await import('../../platform/db/postgres.ts');
    const db = await openPostgres(databaseUrl, 2);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }
  const db = await openPglite(path.join(dataDir, 'pglite'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const run = (args: string[], at = { dataDir, databaseUrl }) =>
  runHourglass(['audit', ...args], {
    HOURGLASS_DATA_DIR: at.dataDir,
    ...(at.databaseUrl ? { DATABASE_URL: at.databaseUrl } : {}),
  });

/** The real binary, once: every other case runs the command in this process (test/cli.ts). */
function hourglassBinary(args: string[]) {
  return spawnSync(process.execPath, [bin, 'audit', ...args], {
    env: {
      PATH: process.env.PATH,
      HOURGLASS_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

let eventId: string;
beforeAll(async () => {
  const t = await createTestDb();
  if (t.url) {
    databaseUrl = t.url;
    dropDb = () => t.drop();
  } else {
    await t.drop();
  }
  const config = testConfig({ HOURGLASS_DATA_DIR: dataDir });
  const signer = await loadAuditSigner(config, { create: true });
  if (!databaseUrl) await seedPgliteDataDir(dataDir);
  await withDb(async (db) => {
    await migrate(db);
    await recordReads(db, 5);
    const sealer = createSealer({
      ...settleGenerously,
      db,
      signer,
      witnesses: [fileWitness(config.audit.witnessDir)],
    });
    await sealer.sealOnce();
    eventId = (await listAuditEvents(db, { requestId: 'req_3' }))[0]!.id;
  });
});
afterAll(async () => {
  await dropDb();
  rmSync(dataDir, { recursive: true, force: true });
});

// Each case opens the database several times (the command, the test's own look): slow on a busy
// machine.
describe('hourglass audit', { timeout: 120_000 }, () => {
  it('verify passes on an intact trail (the real binary)', () => {
    const r = hourglassBinary(['verify']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Audit trail verified: 1 checkpoint\(s\), 5 event\(s\) recomputed/);
  });

  it('prove prints the path from an event to its signed checkpoint', async () => {
    const r = await run(['prove', eventId]);
    expect(r.status).toBe(0);
    const proof = JSON.parse(r.stdout) as { seq: string; path: string[]; checkpoint: object };
    expect(proof).toMatchObject({ seq: '3', leafIndex: 2, treeSize: 5 });
    expect(proof.path).toHaveLength(3);
    expect(proof.checkpoint).toMatchObject({ no: '1', firstSeq: '1', lastSeq: '5' });
  });

  it('verify takes a time range too', async () => {
    const none = await run(['verify', '--from', '2999-01-01']);
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/1 checkpoint\(s\), 0 event\(s\) recomputed/);
    const all = await run(['verify', '--from', '2000-01-01', '--to', '2999-01-01T00:00:00Z']);
    expect(all.stdout).toMatch(/1 checkpoint\(s\), 5 event\(s\) recomputed/);
  });

  it('purge removes nothing sealed after its cutoff', async () => {
    const r = await run(['purge', '--before', '2000-01-01']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Nothing to purge/);
  });

  it('refuses arguments it does not understand', async () => {
    expect((await run(['verify', '--from', 'yesterday'])).status).toBe(2);
    expect((await run(['purge', '--before', 'soon'])).status).toBe(2);
    expect((await run(['prove'])).status).toBe(2);
    expect((await run(['prove', 'not-an-id'])).status).toBe(1);
  });

  // PGlite does not apply per-database settings; on PostgreSQL every write below is refused.
  it('verify and prove run on a database that refuses every write (a read-only verifier role)', async () => {
    const readOnly = (on: boolean) =>
      withDb(async (db) => {
        await db.exec('set default_transaction_read_only = off');
        await db.exec(
          `alter database ${databaseUrl ? new URL(databaseUrl).pathname.slice(1) : 'postgres'} ${on ? 'set default_transaction_read_only = on' : 'reset default_transaction_read_only'}`,
        );
      });
    await readOnly(true);
    try {
      const v = await run(['verify']);
      expect(v.stderr).toBe('');
      expect(v.status).toBe(0);
      expect((await run(['prove', eventId])).status).toBe(0);
    } finally {
      await readOnly(false);
    }
  });

  it('verify refuses a database whose schema is behind, and does not migrate it', async () => {
    // On PostgreSQL a database never migrated; on PGlite a data dir as initdb leaves it.
    const fresh = adminUrl ? await createTestDb({ empty: true }) : undefined;
    const freshDir = mkdtempSync(path.join(tmpdir(), 'hourglass-audit-cli-fresh-'));
    try {
      await loadAuditSigner(testConfig({ HOURGLASS_DATA_DIR: freshDir }), { create: true });
      if (!fresh) await seedPgliteDataDir(freshDir, { empty: true });
      const r = await run(['verify'], { dataDir: freshDir, databaseUrl: fresh?.url });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /the database schema is behind .* run `hourglass migrate` as the owner first/,
      );
      const db = fresh ? fresh.db : await openPglite(path.join(freshDir, 'pglite'));
      try {
        const { rows } = await db.query<{ t: string | null }>(
          `select to_regclass('schema_migrations')::text as t`,
        );
        expect(rows[0]!.t).toBeNull();
      } finally {
        if (!fresh) await db.close();
      }
    } finally {
      await fresh?.drop();
      rmSync(freshDir, { recursive: true, force: true });
    }
  });

  it('verify exits 1 naming the event an attacker edited, and prove refuses it', async () => {
    await withDb(async (db) => {
      await asAttacker(db, [`update audit_events set outcome = 'denied' where seq = 3`]);
      await insertRule(db, {
        id: randomUUID(),
        organization_id: orgId,
        kind: 'verification_failure',
        params: {},
        email: true,
        webhook_url: null,
        webhook_secret_enc: null,
      });
    });
    const r = await run(['verify', '--from', '1', '--to', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/FAIL checkpoint 1 \(seq 1-5\): event seq 3 .* was altered/);
    expect(r.stderr).toMatch(/Raised 1 verification-failure alert/);
    // Its email is queued for the server's delivery worker, in the alert's transaction.
    const queued = await withDb(async (db) => {
      const { rows } = await db.query<{ alert_id: string }>(
        `select j.data->>'alertId' as alert_id from pgboss.job j
           join audit_alerts a on a.id::text = j.data->>'alertId'
          where j.name = 'audit-alert-email' and a.kind = 'verification_failure'`,
      );
      return rows;
    });
    expect(queued).toHaveLength(1);
    const p = await run(['prove', eventId]);
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/event seq 3 does not match what checkpoint 1 sealed/);
  });
});
