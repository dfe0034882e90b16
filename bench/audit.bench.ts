// Audit cost and sealing throughput (issue 6): booking-shaped transactions with and without their
// audit event, and how fast the sealing job checkpoints a backlog.
import { performance } from 'node:perf_hooks';
import type { Bench } from './run.ts';
import type { Db } from '../server/src/platform/db/db.ts';
import { openDb } from '../server/src/platform/db/db.ts';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { createSealer } from '../server/src/modules/audit/audit.sealer.ts';
import { createAudit } from '../server/src/modules/audit/audit.service.ts';
import { verifyAudit } from '../server/src/modules/audit/audit.verify.ts';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signerFromKey } from '../server/src/modules/audit/audit.signing.ts';
import { fileWitness } from '../server/src/modules/audit/audit.checkpoint.ts';

const bookings = Number(process.env.BENCH_BOOKINGS ?? 3000);
const backlog = Number(process.env.BENCH_SEAL_EVENTS ?? 20000);

// A stand-in for booking.confirm: one appointment row under a no-overlap exclusion constraint,
// in one transaction, with (or without) its audit event in the same transaction.
const setup = `
  create table if not exists bench_appointments (
    id bigint generated always as identity primary key,
    provider int not null,
    during tstzrange not null,
    exclude using gist (provider with =, during with &&)
  )`;

async function book(db: Db, audit: ReturnType<typeof createAudit> | null, i: number) {
  await db.transaction(async (tx) => {
    const start = new Date(Date.UTC(2030, 0, 1) + i * 15 * 60_000).toISOString();
    const end = new Date(Date.UTC(2030, 0, 1) + (i * 15 + 15) * 60_000).toISOString();
    const { rows } = await tx.query<{ id: string }>(
      `insert into bench_appointments (provider, during) values ($1, tstzrange($2, $3)) returning id`,
      [i % 50, start, end],
    );
    await audit?.record(
      {
        actor: {
          type: 'user',
          id: `u_${i % 20}`,
          organizationId: '00000000-0000-4000-8000-000000000001',
          roles: ['front_desk'],
        },
        action: 'appointment.book',
        resourceType: 'appointment',
        resourceId: rows[0]!.id,
        patientId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        outcome: 'success',
        requestId: `bench_${i}`,
        ip: '203.0.113.1',
        userAgent: 'bench',
      },
      tx,
    );
  });
}

async function throughput(db: Db, audited: boolean, offset: number, concurrency: number) {
  const audit = audited ? createAudit(db) : null;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bookings) {
        const i = next++;
        await book(db, audit, offset + i);
      }
    }),
  );
  return bookings / ((performance.now() - t0) / 1000);
}

const bench: Bench = {
  title: 'Audit: cost per booking and sealing throughput',
  async run() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-bench-'));
    const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir });
    try {
      await migrate(db);
      await db.exec(setup);
      const concurrency = db.kind === 'postgres' ? 8 : 1;
      // Warm up, then alternate to spread any drift over both sides.
      await throughput(db, true, 10_000_000, concurrency);
      const off1 = await throughput(db, false, 0, concurrency);
      const on1 = await throughput(db, true, 1_000_000, concurrency);
      const off2 = await throughput(db, false, 2_000_000, concurrency);
      const on2 = await throughput(db, true, 3_000_000, concurrency);
      const off = (off1 + off2) / 2;
      const on = (on1 + on2) / 2;

      const audit = createAudit(db);
      for (let i = 0; i < backlog; i += 500) {
        await db.transaction(async (tx) => {
          for (let j = i; j < Math.min(i + 500, backlog); j++) {
            await audit.record(
              {
                actor: { type: 'system', job: 'bench' },
                action: 'bench.event',
                resourceType: 'bench',
                resourceId: String(j),
                outcome: 'success',
              },
              tx,
            );
          }
        });
      }
      const signer = signerFromKey(generateKeyPairSync('ed25519').privateKey);
      const witness = fileWitness(path.join(dataDir, 'audit'));
      const sealer = createSealer({ db, signer, witnesses: [witness] });
      const { rows } = await db.query<{ n: string }>(
        'select count(*)::text as n from audit_events',
      );
      const total = Number(rows[0]!.n);
      const s0 = performance.now();
      await sealer.sealOnce();
      const sealSeconds = (performance.now() - s0) / 1000;
      const v0 = performance.now();
      const report = await verifyAudit(db, { signer, witnesses: [witness] });
      const verifySeconds = (performance.now() - v0) / 1000;
      if (!report.ok) throw new Error('verification failed in the benchmark');

      const f = (n: number) => Math.round(n).toLocaleString('en-US');
      return `${bookings} booking transactions per run, ${concurrency} at a time, on ${db.kind}.

| measure | result |
|---|---|
| bookings/s without auditing | ${f(off)} |
| bookings/s with one audit event each | ${f(on)} |
| cost of auditing | ${(((off - on) / off) * 100).toFixed(1)}% (target: under 15%) |
| sealing: events/s (${f(total)} events, batches of 10,000, sign + witness) | ${f(total / sealSeconds)} |
| verification: events/s (recompute every leaf, chain, witness) | ${f(total / verifySeconds)} |

The stand-in booking is the cheapest one possible (one insert under the exclusion constraint), so
the cost above is an upper bound on auditing's share: the audit event is a second insert in the same
transaction. Against the real booking path (availability check, hold, confirm, reminder jobs) the
share is smaller; rerun with the booking benchmark when it lands. The sealing job runs beside the
write path: bookings never wait for it.`;
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
export default bench;
