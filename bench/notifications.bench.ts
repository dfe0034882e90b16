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
import { deliver } from '../server/src/modules/notifications/notifications.delivery.ts';

const N = Number(process.env.BENCH_NOTIFY_MESSAGES ?? 100_000);
const WORKERS = Number(process.env.BENCH_NOTIFY_WORKERS ?? 16);
const WINDOW_MS = 60_000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const bench: Bench = {
  title: 'Notifications: reminders falling due in one minute',
  async run() {
    const seen = new Map<string, number>();
    const smtp = new SMTPServer({
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
        HOURGLASS_DATA_DIR: '/nonexistent/hourglass-bench',
      });
      const deps = hourglass.notifications.deps;
      deps.channels = {
        email: emailChannel(createMailer(config, createLogger('silent')), 'bench'),
      };
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
      const queue: string[] = [];
      let next = 0;
      const t = performance.now();
      const lags: number[] = [];
      let delivered = 0;
      const stopAt = t0 + WINDOW_MS + 10 * 60_000;
      // A feeder takes what fell due (as the sweep does); workers deliver concurrently.
      let feeding = true;
      const inQueue = new Set<string>();
      const feeder = (async () => {
        while (feeding && Date.now() < stopAt) {
          const { rows } = await db.query<{ id: string }>(
            `select id from notification_messages where status = 'scheduled' and due_at <= $1
              order by due_at limit 2000`,
            [new Date()],
          );
          const fresh = rows.map((r) => r.id).filter((id) => !inQueue.has(id));
          for (const id of fresh) inQueue.add(id);
          queue.push(...fresh);
          if (delivered >= N) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (delivered < N && Date.now() < stopAt) {
            const id = queue[next++];
            if (!id) {
              next = Math.min(next, queue.length);
              await new Promise((r) => setTimeout(r, 20));
              continue;
            }
            if ((await deliver(deps, id)) === 'sent') delivered++;
          }
        }),
      );
      feeding = false;
      await feeder;
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
        `${N.toLocaleString('en-US')} reminders due evenly over one minute, ${WORKERS} concurrent workers of one process, PostgreSQL (bench database), email to a local \`smtp-server\`.`,
        '',
        '| delivered | throughput (msg/s) | lag p50 | lag p95 | lag max | within 60 s of due | duplicates |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        `| ${rows.length} of ${N} | ${(rows.length / seconds).toFixed(0)} | ${(percentile(lags, 50) / 1000).toFixed(1)} s | ${(percentile(lags, 95) / 1000).toFixed(1)} s | ${((lags.at(-1) ?? 0) / 1000).toFixed(1)} s | ${((100 * within) / Math.max(1, N)).toFixed(1)} % | ${duplicates} |`,
      ].join('\n');
    } finally {
      await drop();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  },
};

export default bench;
