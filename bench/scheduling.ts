import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { Queryable } from '../server/src/platform/db/db.ts';
import type { Actor } from '../server/src/platform/http/actor.ts';
import { createAvailabilityCache } from '../server/src/modules/availability/availability.cache.ts';
import {
  findAvailability,
  findCompactAvailability,
  type AvailabilityQuery,
} from '../server/src/modules/availability/availability.service.ts';
import { occupancy } from '../server/src/modules/booking/booking.occupancy.ts';
import * as booking from '../server/src/modules/booking/booking.service.ts';
import * as store from '../server/src/modules/booking/booking.store.ts';
import { createAudit } from '../server/src/modules/audit/audit.service.ts';
import { benchDatabase } from './database.ts';
import { measureFhir } from './fhir.ts';
import { measureSchedule } from './schedule.ts';
import { freeSlots, seedClinic, ZONE } from './seed.ts';

/**
 * `npm run bench`: availability and booking on PostgreSQL at 127.0.0.1:5432 (its own database,
 * dropped afterwards), with the raw `pg` baseline measured in the same run. Writes BENCHMARKS.md.
 */

const PROVIDERS = 50;
const APPOINTMENTS = 100_000;
const RUN_MS = Number(process.env.HOURGLASS_BENCH_RUN_MS ?? 2000);
/** Booking runs per client count and side, alternated; the median is reported. */
const ROUNDS = 3;
const ITERATIONS = Number(process.env.HOURGLASS_BENCH_ITERATIONS ?? 200);
const DAY = 86_400_000;
const system: Actor = { type: 'system', job: 'bench' };

const log = (msg: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

function median(values: number[]) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(iterations: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** p50/p95 of GET `url` timed by a client on its own thread (bench/http-client.ts), and its size. */
function overHttp(url: string): Promise<{ p50: number; p95: number; bytes: number }> {
  const worker = new Worker(new URL('./http-client.ts', import.meta.url), {
    workerData: { url, iterations: ITERATIONS, warmup: Math.min(20, ITERATIONS) },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: { p50: number; p95: number; bytes: number }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** `clients` workers take work from one queue for RUN_MS; returns operations per second. */
async function throughput(
  clients: number,
  work: () => string | undefined,
  op: (item: string) => Promise<void>,
) {
  let exhausted = false;
  let done = 0;
  let failed = 0;
  const until = performance.now() + RUN_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const item = work();
        if (item === undefined) {
          exhausted = true;
          break;
        }
        try {
          await op(item);
          done++;
        } catch {
          failed++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (exhausted) throw new Error('bench ran out of free slots; lower HOURGLASS_BENCH_RUN_MS');
  return { perSecond: done / seconds, failed };
}

const loadAtStart = os.loadavg()[0]!;
const { url, hourglass, drop } = await benchDatabase();
const { db } = hourglass;
const raw = new pg.Pool({ connectionString: url.toString(), max: 10 });
// The database is dropped at the end with its connections: an idle client's error is expected.
raw.on('error', () => undefined);

try {
  log('seeding: 50 providers, working hours, 100,000 appointments');
  const clinic = await seedClinic(db, { providers: PROVIDERS, appointments: APPOINTMENTS });
  const { orgId, locationId, typeId, providerIds, patientIds } = clinic;
  const count = [{ n: clinic.appointments }];
  log(`appointments: ${count[0]!.n}`);

  const plus = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
  const now = () => hourglass.clock.now().getTime();
  const cache = createAvailabilityCache(0, now);
  const src = { db, occupancy };
  const oneProvider: AvailabilityQuery & { from: string; to: string } = {
    organization: 'bench',
    appointmentTypeId: typeId,
    providers: [providerIds[0]!],
    from: plus(1),
    to: plus(30),
    zone: ZONE,
    first: false,
  };
  const allProviders = { ...oneProvider, providers: undefined, to: plus(14) };
  const slotsOf = async (q: AvailabilityQuery) =>
    (await findAvailability(src, cache, q, now())).slots.length;
  const slots50 = await slotsOf(allProviders);
  log(`slots: 1×30 → ${await slotsOf(oneProvider)}, 50×14 → ${slots50}`);

  const base = await hourglass.app.listen({ host: '127.0.0.1', port: 0 });
  const qs = (q: typeof oneProvider) =>
    new URLSearchParams({
      organization: q.organization,
      appointmentTypeId: q.appointmentTypeId,
      ...(q.providers ? { providers: q.providers.join(',') } : {}),
      from: q.from,
      to: q.to,
      zone: q.zone,
    }).toString();
  // Each query in both shapes: the full list of slot objects and the portal's compact groups.
  const availabilityRows = [];
  for (const [label, q] of [
    ['1 provider × 30 days', oneProvider],
    ['50 providers × 14 days', allProviders],
  ] as const) {
    for (const shape of ['full', 'compact'] as const) {
      log(
        `availability ${label}, ${shape}: in-process, then over HTTP (client in a worker thread)`,
      );
      const inProcess = await timed(ITERATIONS, () =>
        shape === 'full'
          ? findAvailability(src, cache, q, now())
          : findCompactAvailability(src, cache, q, now()),
      );
      const route = shape === 'full' ? '/api/availability' : '/api/availability/compact';
      const http = await overHttp(`${base}${route}?${qs(q)}`);
      availabilityRows.push({ label, shape, inProcess, http });
    }
  }
  const http50 = availabilityRows.find((r) => r.label.startsWith('50') && r.shape === 'full')!.http;
  const fhirSection = await measureFhir({
    base,
    typeId,
    from: allProviders.from,
    to: allProviders.to,
    native: http50,
    overHttp,
    log,
  });

  log("the staff console's schedule: a 50-provider week");
  const scheduleSection = await measureSchedule(hourglass, raw, clinic, timed, ITERATIONS);

  const work = await freeSlots(db, clinic);
  let cursor = 0;
  const take = () => work[cursor++];
  const patient = () => patientIds[Math.floor(Math.random() * patientIds.length)]!;

  const hold = async (item: string) => {
    const [providerId, start] = item.split('|') as [string, string];
    await booking.hold(system, hourglass.booking, {
      organizationId: orgId,
      appointmentTypeId: typeId,
      providerId,
      locationId,
      patientId: patient(),
      start,
      modality: 'in_person',
    });
  };
  const audit = createAudit(db);
  const rawBooking = async (item: string) => {
    const [providerId, start] = item.split('|') as [string, string];
    const s = new Date(start);
    const e = new Date(s.getTime() + 30 * 60_000);
    const client = await raw.connect();
    try {
      const tx: Queryable = {
        // The service's statements exactly as it sends them, named ones prepared likewise.
        query: async (sql, params, options) => {
          const r = await client.query(
            options?.name ? { name: options.name, text: sql, values: params } : sql,
            params,
          );
          return { rows: r.rows, rowCount: r.rowCount ?? 0 };
        },
      };
      await client.query('BEGIN');
      const row = await store.insertAppointment(
        tx,
        {
          organizationId: orgId,
          appointmentTypeId: typeId,
          providerId,
          locationId,
          patientId: patient(),
          modality: 'in_person',
          status: 'held',
          start: s,
          end: e,
          during: [s, e],
          lane: 0,
          overbookReason: null,
          holdExpiresAt: new Date(now() + 10 * 60_000),
          rescheduledFrom: null,
          videoRoom: null,
        },
        { actorType: 'system', actorId: 'bench', reasonCode: null },
        audit.inStatement(
          {
            actor: system,
            action: 'booking.held',
            resourceType: 'appointment',
            organizationId: orgId,
            outcome: 'success',
          },
          'a',
        ),
      );
      if (!row) throw new Error('slot taken');
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  };

  const bookingRows: { clients: number; service: number; raw: number; failed: number }[] = [];
  for (const clients of [1, 8, 32]) {
    log(`booking at ${clients} clients`);
    // Service and baseline alternate, so a slow moment of a shared machine falls on both.
    const service: number[] = [];
    const baseline: number[] = [];
    let failed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const s = await throughput(clients, take, hold);
      const r = await throughput(clients, take, rawBooking);
      service.push(s.perSecond);
      baseline.push(r.perSecond);
      failed += s.failed + r.failed;
    }
    bookingRows.push({ clients, service: median(service), raw: median(baseline), failed });
  }

  const { rows: version } = await db.query<{ v: string }>(
    "select current_setting('server_version') as v",
  );
  const cpu = os.cpus();
  const fmt = (n: number) => n.toFixed(1);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  const worstRatio = Math.min(...bookingRows.map((r) => r.service / r.raw));
  const md = `# Benchmarks

Written by \`npm run bench\` (bench/scheduling.ts, then bench/run.ts). Numbers from one run on the machine below;
rerun to compare on yours.

- **Date:** ${new Date().toISOString()}
- **Machine:** ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}
- **Load:** 1-minute load average ${loadAtStart.toFixed(1)} at the start and ${os.loadavg()[0]!.toFixed(1)} at the end of the run (${cpu.length} cores; other work shares this machine, so treat these figures as upper bounds)
- **PostgreSQL:** ${version[0]!.v} at 127.0.0.1:5432, on the same machine
- **Node:** ${process.version}; application pool 10 connections, raw \`pg\` pool 10 connections
- **Data:** ${PROVIDERS} providers at one location (${ZONE}), working 08:00–18:00 daily, 30-minute
  visits, ${count[0]!.n.toLocaleString('en-US')} existing appointments (330 days back to 30 days ahead)

## Availability (${ITERATIONS} queries each, cache off)

| query | shape | answer bytes | in-process p50 | in-process p95 | HTTP p50 | HTTP p95 |
|---|---|---|---|---|---|---|
${availabilityRows.map((r) => `| ${r.label} | ${r.shape} | ${r.http.bytes.toLocaleString('en-US')} | ${fmt(r.inProcess.p50)} ms | ${fmt(r.inProcess.p95)} ms | ${fmt(r.http.p50)} ms | ${fmt(r.http.p95)} ms |`).join('\n')}

\`in-process\` calls \`findAvailability()\` (full) or \`findCompactAvailability()\` (compact); \`HTTP\` is
\`GET /api/availability\` or \`GET /api/availability/compact\` to the last byte of the answer, from a
client on its own thread (its own event loop, as a browser or another service has), through the
whole request pipeline. \`answer bytes\` is the body as sent (no compression). The 50 × 14 answer
holds ${slots50.toLocaleString('en-US')} slots: one object each in the full shape; in the compact shape one group per
provider, location and modalities with the start times as minutes from the range's start.

Goal: 50 providers × 14 days under 25 ms p95 over HTTP — **${http50.p95 < 25 ? 'met' : 'not met'}** (${fmt(http50.p95)} ms).

${fhirSection}
${scheduleSection}
## Booking throughput (median of ${ROUNDS} alternated runs of ${RUN_MS / 1000} s, distinct free slots, no contention)

\`service\` is \`booking.hold()\` in-process: input parsing and one transaction on one connection —
the rule checks (the type, rules and occupied time read in one prepared statement, run with its
generic plan, then the engine's explain), and \`INSERT … ON CONFLICT DO NOTHING\` with its history row
and its audit event in the same statement. \`raw pg\` is the same transaction's writes (BEGIN, that
insert statement, COMMIT) sent straight through \`pg\`, without the checks.

| clients | service (bookings/s) | raw pg (bookings/s) | ratio |
|---|---|---|---|
${bookingRows.map((r) => `| ${r.clients} | ${fmt(r.service)} | ${fmt(r.raw)} | ${ratio(r.service, r.raw)} |`).join('\n')}

Goal: booking throughput at least half the raw baseline — **${worstRatio >= 0.5 ? 'met' : 'not met'}** (lowest ratio ${worstRatio.toFixed(2)}).
${bookingRows.some((r) => r.failed > 0) ? `\nFailed operations during the runs: ${bookingRows.map((r) => r.failed).join(', ')}.\n` : ''}`;
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'BENCHMARKS.md');
  await writeFile(out, md);
  log(`wrote ${out}`);
  process.stdout.write(md);
} finally {
  await raw.end();
  await drop();
}
