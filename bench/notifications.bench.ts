// Reminders falling due together (issue 13): N messages due within one minute, delivered by W
// concurrent workers through the real delivery path (lock, claim, render, send, record) to a
// local SMTP server; throughput, lag behind each message's due time, and duplicates (must be 0).
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { benchDatabase } from './database.ts';
import type { Bench } from './run.ts';
import { freeSlots, seedClinic } from './seed.ts';
import * as booking from '../server/src/modules/booking/booking.service.ts';
import { loadConfig } from '../server/src/config.ts';
import { createMailer } from '../server/src/platform/mail/mail.ts';
import { createLogger } from '../server/src/platform/log/log.ts';
import { emailChannel } from '../server/src/modules/notifications/notifications.channels.ts';
import { deliverDue } from '../server/src/modules/notifications/notifications.delivery.ts';

const N = Number(process.env.BENCH_NOTIFY_MESSAGES ?? 100_000);
const WORKERS = Number(process.env.BENCH_NOTIFY_WORKERS ?? 4);
const BATCH = Number(process.env.BENCH_NOTIFY_BATCH ?? 50);
const PARALLEL = Number(process.env.BENCH_NOTIFY_PARALLEL ?? 10);
const POOL = Number(process.env.BENCH_NOTIFY_SMTP_POOL ?? 10);
const WINDOW_MS = 60_000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
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
    const port = (smtp.server.address() as AddressInfo).port;
    const { hourglass, drop } = await benchDatabase();
    let closeMailer = () => {};
    try {
      const { db } = hourglass;
      const clinic = await seedClinic(db, { providers: 1, appointments: 0 });
      const [slot] = await freeSlots(db, clinic);
      const [providerId, start] = slot!.split('|') as [string, string];
      const a = await booking.hold({ type: 'system', job: 'bench' }, hourglass.booking, {
        organizationId: clinic.orgId,
        appointmentTypeId: clinic.typeId,
        providerId,
        locationId: clinic.locationId,
        patientId: clinic.patientIds[0]!,
        start,
        modality: 'in_person',
      });
      const config = loadConfig({
        HOURGLASS_PROFILE: 'test',
        HOURGLASS_SMTP_URL: `smtp://127.0.0.1:${port}`,
        HOURGLASS_SMTP_ALLOW_SELF_SIGNED: 'true',
        HOURGLASS_SMTP_POOL: String(POOL),
        HOURGLASS_DATA_DIR: '/nonexistent/hourglass-bench',
      });
      const deps = hourglass.notifications.deps;
      const mailer = createMailer(config, createLogger('silent'));
      closeMailer = () => mailer.close?.();
      deps.channels = { email: emailChannel(mailer, 'bench') };
      deps.preferences = () =>
        Promise.resolve({ channels: ['email'], language: 'en', quietHours: null, timeZone: 'UTC' });
      deps.address = () => Promise.resolve('bench@example.invalid');
      // N reminders due evenly over the next minute (one appointment: rows are what is measured).
      const t0 = Date.now() + 5_000;
      await db.query(
        `insert into notification_messages (organization_id, appointment_id, patient_id, kind,
           due_at, respects_quiet, appointment_start, location_id, modality, idempotency_key)
         select $1, $2, $3, 'reminder', to_timestamp(($4::float8 + i * $5::float8) / 1000), false,
                $6, $7, 'in_person', 'bench:' || i
           from generate_series(0, $8 - 1) i`,
        [clinic.orgId, a.id, clinic.patientIds[0], t0, WINDOW_MS / N, start, clinic.locationId, N],
      );
      const t = performance.now();
      const lags: number[] = [];
      let delivered = 0;
      const stopAt = t0 + WINDOW_MS + 10 * 60_000;
      // W workers, each claiming what fell due a batch per transaction (for update skip locked)
      // and sending PARALLEL of it at once over the pooled SMTP connections, as the sweep does.
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (delivered < N && Date.now() < stopAt) {
            const outcomes = await deliverDue(deps, BATCH * 4, {
              batch: BATCH,
              parallel: PARALLEL,
            });
            delivered += outcomes.filter((o) => o === 'sent').length;
            if (outcomes.length === 0) await new Promise((r) => setTimeout(r, 20));
          }
        }),
      );
      const seconds = (performance.now() - t) / 1000;
      const { rows } = await db.query<{ lag: number }>(
        `select extract(epoch from (sent_at - due_at)) * 1000 as lag from notification_messages
          where status = 'sent' and idempotency_key like 'bench:%'`,
      );
      for (const r of rows) lags.push(Number(r.lag));
      lags.sort((x, y) => x - y);
      const duplicates = [...seen.values()].reduce((n, c) => n + (c - 1), 0);
      const within = lags.filter((l) => l <= 60_000).length;
      return [
        `${N.toLocaleString('en-US')} reminders due evenly over one minute, ${WORKERS} concurrent workers of one process each claiming ${BATCH} a transaction and sending ${PARALLEL} at once, PostgreSQL (bench database), email to a local \`smtp-server\` over ${POOL > 0 ? `a pool of ${POOL} SMTP connections (${connections} opened in all)` : `one SMTP connection per message (${connections} opened)`}.`,
        '',
        '| delivered | throughput (msg/s) | lag p50 | lag p95 | lag max | within 60 s of due | duplicates |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        `| ${rows.length} of ${N} | ${(rows.length / seconds).toFixed(0)} | ${(percentile(lags, 50) / 1000).toFixed(1)} s | ${(percentile(lags, 95) / 1000).toFixed(1)} s | ${((lags.at(-1) ?? 0) / 1000).toFixed(1)} s | ${((100 * within) / Math.max(1, N)).toFixed(1)} % | ${duplicates} |`,
      ].join('\n');
    } finally {
      closeMailer();
      await drop();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  },
};

export default bench;
