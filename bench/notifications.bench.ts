// Reminders falling due together (issue 13): N messages due within one minute, half by email to
// a local SMTP server and half by SMS to the local Twilio-format peer, delivered through the real
// path (batch claim, quiet-hour check, the patients' addresses decrypted from the vault, render,
// send, record `sent` with the vendor id) by P
// processes of W loops each, as P copies of the server would run against one PostgreSQL.
// Throughput, lag behind each message's due time, duplicates at the peers (must be 0), and the
// peers' own ceiling measured first in the same run (the same processes, no Hourglass).
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { benchDatabase } from './database.ts';
import type { Bench } from './run.ts';
import type { WorkerEnv } from './notifications.worker.ts';
import { freeSlots, importPatients, seedClinic } from './seed.ts';
import * as booking from '../server/src/modules/booking/booking.service.ts';
import { startSmsPeer } from '../server/src/modules/notifications/notifications.sms-peer.ts';
import { SEND_QUEUE } from '../server/src/modules/notifications/notifications.deps.ts';
import { PgBoss } from 'pg-boss';

const N = Number(process.env.BENCH_NOTIFY_MESSAGES ?? 100_000);
const PROCESSES = Number(process.env.BENCH_NOTIFY_PROCESSES ?? 2);
const WORKERS = Number(process.env.BENCH_NOTIFY_WORKERS ?? 4);
/** The patients the reminders go to (even: email, odd: SMS), each with real stored addresses. */
const PATIENTS = 2 * Math.ceil(Number(process.env.BENCH_NOTIFY_PATIENTS ?? 1_000) / 2);
const BATCH = Number(process.env.BENCH_NOTIFY_BATCH ?? 100);
const PARALLEL = Number(process.env.BENCH_NOTIFY_PARALLEL ?? 25);
const POOL = Number(process.env.BENCH_NOTIFY_SMTP_POOL ?? 10);
const RAW = Number(process.env.BENCH_NOTIFY_RAW ?? Math.min(N, 20_000));
/** `sweep`: P processes of `deliverDue` loops; `jobs`: P servers with pg-boss, a job per message. */
const VIA = process.env.BENCH_NOTIFY_VIA === 'jobs' ? 'jobs' : 'sweep';
const WINDOW_MS = 60_000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Forks P worker processes and resolves when they delivered `target` messages (or `until`). */
async function runWorkers(
  env: Omit<WorkerEnv, 'prefix'>,
  target: number,
  until: number,
  progress?: () => Promise<number>,
) {
  let delivered = 0;
  const poll = progress
    ? setInterval(() => {
        void progress().then((n) => (delivered = n));
      }, 500)
    : undefined;
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]!), 5_000);
  const children = Array.from({ length: PROCESSES }, (_, i) =>
    fork(path.join(import.meta.dirname, 'notifications.worker.ts'), [], {
      env: { ...process.env, BENCH_NOTIFY_WORKER: JSON.stringify({ ...env, prefix: `raw${i}` }) },
    }),
  );
  await new Promise<void>((resolve) => {
    const check = () => {
      if (delivered >= target || Date.now() > until) resolve();
    };
    const timer = setInterval(check, 200);
    for (const c of children) {
      c.on('message', (m: { delivered: number }) => {
        delivered += m.delivered;
        check();
      });
    }
    void Promise.all(children.map((c) => new Promise((r) => c.on('exit', r)))).then(() => {
      clearInterval(timer);
      resolve();
    });
  });
  for (const c of children) if (c.connected) c.send('stop');
  await Promise.all(
    children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : undefined)),
  );
  clearInterval(sampler);
  clearInterval(poll);
  return { delivered, loads };
}

/** A pg-boss job per message, due at its time, as booking's transaction writes them. */
async function queueJobs(url: URL, planned: { id: string; due_at: Date }[]) {
  const boss = new PgBoss({ connectionString: url.toString(), schema: 'pgboss', max: 2 });
  await boss.start();
  try {
    await boss.createQueue(SEND_QUEUE);
    for (let i = 0; i < planned.length; i += 5_000) {
      await boss.insert(
        SEND_QUEUE,
        planned
          .slice(i, i + 5_000)
          .map((m) => ({ data: { messageId: m.id }, startAfter: m.due_at })),
      );
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

const bench: Bench = {
  title: 'Notifications: reminders falling due in one minute',
  async run() {
    const seen = new Map<string, number>();
    let connections = 0;
    const smtp = new SMTPServer({
      onConnect(_session, done) {
        connections++;
        done();
      },
      authOptional: true,
      disableReverseLookup: true,
      logger: false,
      onData(stream, _session, done) {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 4096) head += c.toString('utf8');
        });
        stream.on('end', () => {
          const id = /^Message-ID: (.*)$/im.exec(head)?.[1] ?? '';
          seen.set(id, (seen.get(id) ?? 0) + 1);
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const peer = await startSmsPeer();
    const { hourglass, drop, url } = await benchDatabase();
    try {
      const { db } = hourglass;
      const clinic = await seedClinic(db, { providers: 1, appointments: 0 });
      const slots = await freeSlots(db, clinic);
      // Two appointments the reminders are about (the claim sends only about a visit still booked
      // at the planned start), for PATIENTS patients with an email and a phone in the vault,
      // stored as the app stores them: the even ones take email, the odd ones SMS (their stored
      // preferences). Each message goes to its patient's own address, decrypted at delivery.
      const appts = [];
      for (let i = 0; i < 2; i++) {
        const [providerId, start] = slots[i]!.split('|') as [string, string];
        const a = await booking.hold({ type: 'system', job: 'bench' }, hourglass.booking, {
          organizationId: clinic.orgId,
          appointmentTypeId: clinic.typeId,
          providerId,
          locationId: clinic.locationId,
          patientId: clinic.patientIds[i]!,
          start,
          modality: 'in_person',
          confirm: true,
        });
        appts.push({ id: a.id, start });
      }
      const patients = await importPatients(hourglass, clinic.orgId, PATIENTS, (i) => ({
        email: `bench.patient${i}@example.org`,
        phone: `+1555${String(1_000_000 + i).slice(1)}`,
      }));
      await db.query(
        `insert into patient_preferences (organization_id, patient_id, channels, language, time_zone)
         select $1, p, array[case when n % 2 = 1 then 'email' else 'sms' end], 'en', 'UTC'
           from unnest($2::uuid[]) with ordinality as t(p, n)`,
        [clinic.orgId, patients],
      );
      // The bookings' own confirmations and reminders are set aside: the bench's are measured.
      await db.query(
        `update notification_messages set status = 'cancelled' where idempotency_key not like 'bench:%'`,
      );
      // SMS goes to a vendor that handles PHI: the clinic's agreement with it is in force.
      await db.query(
        `insert into vendor_agreements (organization_id, vendor, signed_on, recorded_by)
         values ($1, 'sms', '2000-01-01', 'bench')`,
        [clinic.orgId],
      );
      const env = {
        dbUrl: url.toString(),
        smtpPort,
        sms: {
          apiUrl: peer.apiUrl,
          accountSid: peer.accountSid,
          authToken: peer.authToken,
          from: peer.from,
        },
        workers: WORKERS,
        batch: BATCH,
        parallel: PARALLEL,
        pool: POOL,
        count: Math.ceil(RAW / 2 / PROCESSES),
      };

      // The baseline: the peers' own ceiling from the same processes with no Hourglass.
      const r0 = performance.now();
      const raw = await runWorkers({ ...env, mode: 'raw' }, RAW, Date.now() + 10 * 60_000);
      const rawRate = raw.delivered / ((performance.now() - r0) / 1000);
      seen.clear();
      peer.received.length = 0;
      const rawConnections = connections;

      // N reminders due evenly over the next minute, alternating email and SMS.
      const t0 = Date.now() + 10_000;
      const { rows: planned } = await db.query<{ id: string; due_at: Date }>(
        `insert into notification_messages (organization_id, appointment_id, patient_id, kind,
           due_at, respects_quiet, appointment_start, location_id, modality, idempotency_key,
           appointment_type_id)
         select $1, ($2::uuid[])[1 + i % 2], ($3::uuid[])[1 + i % $10], 'reminder',
                to_timestamp(($4::float8 + i * $5::float8) / 1000), false,
                ($6::timestamptz[])[1 + i % 2], $7, 'in_person', 'bench:' || i, $9
           from generate_series(0, $8 - 1) i returning id, due_at`,
        [
          clinic.orgId,
          appts.map((a) => a.id),
          patients,
          t0,
          WINDOW_MS / N,
          appts.map((a) => a.start),
          clinic.locationId,
          N,
          clinic.typeId,
          patients.length,
        ],
      );
      if (VIA === 'jobs') await queueJobs(url, planned);
      const t = performance.now();
      const run = await runWorkers(
        { ...env, mode: VIA === 'jobs' ? 'jobs' : 'deliver' },
        N,
        t0 + WINDOW_MS + 10 * 60_000,
        VIA === 'jobs'
          ? async () =>
              (
                await db.query<{ n: number }>(
                  `select count(*)::int as n from notification_messages
                    where status = 'sent' and idempotency_key like 'bench:%'`,
                )
              ).rows[0]!.n
          : undefined,
      );
      const seconds = (performance.now() - t) / 1000;
      const { rows } = await db.query<{ lag: number; channel: string }>(
        `select extract(epoch from (sent_at - due_at)) * 1000 as lag, channel
           from notification_messages where status = 'sent' and idempotency_key like 'bench:%'`,
      );
      const lags = rows.map((r) => Number(r.lag)).sort((x, y) => x - y);
      const byChannel = (c: string) => rows.filter((r) => r.channel === c).length;
      for (const m of peer.received)
        seen.set(m.idempotencyToken, (seen.get(m.idempotencyToken) ?? 0) + 1);
      const duplicates = [...seen.values()].reduce((n, c) => n + (c - 1), 0);
      const within = lags.filter((l) => l <= 60_000).length;
      const load = (xs: number[]) =>
        xs.length ? `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}` : 'n/a';
      // Over the time from the first message falling due to the last one sent (the processes
      // started 10 s before): when delivery keeps pace this is the rate messages fall due.
      const span = await db.query<{ s: number }>(
        `select extract(epoch from (max(sent_at) - min(due_at))) as s from notification_messages
          where status = 'sent' and idempotency_key like 'bench:%'`,
      );
      const busy = Math.max(1, Number(span.rows[0]?.s ?? seconds));
      return [
        `${N.toLocaleString('en-US')} reminders due evenly over one minute (half email to a local \`smtp-server\`, half SMS to the local Twilio-format peer, for ${PATIENTS.toLocaleString('en-US')} patients, each to their own address decrypted from the vault a batch at a time), ${VIA === 'jobs' ? `${PROCESSES} server process${PROCESSES > 1 ? 'es' : ''} with pg-boss on (a job per message, the send workers' own settings)` : `${PROCESSES} delivery process${PROCESSES > 1 ? 'es' : ''} × ${WORKERS} loops each claiming ${BATCH} a transaction and sending ${PARALLEL} at once`}, PostgreSQL (bench database), SMTP pool of ${POOL} a process (${connections - rawConnections} connections opened). 1-minute load average during the run ${load(run.loads)} (baseline ${load(raw.loads)}).`,
        '',
        "| delivered | email / SMS | throughput (msg/s) | peers' raw ceiling (msg/s) | lag p50 | lag p95 | lag max | within 60 s of due | duplicates |",
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${rows.length} of ${N} | ${byChannel('email')} / ${byChannel('sms')} | ${(rows.length / busy).toFixed(0)} | ${rawRate.toFixed(0)} (${raw.delivered} sent) | ${(percentile(lags, 50) / 1000).toFixed(1)} s | ${(percentile(lags, 95) / 1000).toFixed(1)} s | ${((lags.at(-1) ?? 0) / 1000).toFixed(1)} s | ${((100 * within) / Math.max(1, N)).toFixed(1)} % | ${duplicates} |`,
      ].join('\n');
    } finally {
      await drop();
      await peer.close();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  },
};

export default bench;
