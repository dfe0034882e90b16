// One delivery process of the notifications benchmark (bench/notifications.bench.ts forks P of
// them, as a deployment runs P copies of the server against one PostgreSQL). Mode `deliver`:
// the app on the bench database, W loops of `deliverDue` to the local SMTP and SMS peers, each
// message to its patient's own address as the app reads it (decrypted from the vault).
// Mode `raw`: the baseline, the same peers driven with no Hourglass (nodemailer and fetch alone).
import { appOn } from './database.ts';
import { loadConfig } from '../server/src/config.ts';
import { createMailer } from '../server/src/platform/mail/mail.ts';
import { createLogger } from '../server/src/platform/log/log.ts';
import { emailChannel } from '../server/src/modules/notifications/notifications.channels.ts';
import { smsChannel } from '../server/src/modules/notifications/notifications.sms.ts';
import { deliverDue } from '../server/src/modules/notifications/notifications.delivery.ts';

export interface WorkerEnv {
  mode: 'deliver' | 'jobs' | 'raw';
  dbUrl: string;
  smtpPort: number;
  sms: { apiUrl: string; accountSid: string; authToken: string; from: string };
  workers: number;
  batch: number;
  parallel: number;
  pool: number;
  /** raw: how many of each (email, SMS) this process sends. */
  count: number;
  /** raw: a prefix that keeps this process's keys apart. */
  prefix: string;
}

const env = JSON.parse(process.env.BENCH_NOTIFY_WORKER!) as WorkerEnv;
let stop = false;
process.on('message', (m) => {
  if (m === 'stop') stop = true;
});
const report = (n: number) => process.send!({ delivered: n });

const config = loadConfig({
  HOURGLASS_PROFILE: 'test',
  HOURGLASS_SMTP_URL: `smtp://127.0.0.1:${env.smtpPort}`,
  HOURGLASS_SMTP_ALLOW_SELF_SIGNED: 'true',
  HOURGLASS_SMTP_POOL: String(env.pool),
  HOURGLASS_DATA_DIR: '/nonexistent/hourglass-bench',
});
const mailer = createMailer(config, createLogger('silent'));
const email = emailChannel(mailer, 'bench');
const sms = smsChannel(env.sms, 'http://127.0.0.1:1/api/webhooks/sms/status');

if (env.mode === 'raw') {
  // The peers' own ceiling: the same messages' shape, the same concurrency, no Hourglass.
  const jobs: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < env.count; i++) {
    const key = `${env.prefix}:${i}`;
    const text = 'A reminder of your appointment at Bench Clinic. '.repeat(6);
    jobs.push(() =>
      email.send({ idempotencyKey: key, to: 'bench@example.invalid', subject: 'Reminder', text }),
    );
    jobs.push(() =>
      sms.send({ idempotencyKey: key, to: '+15550100123', subject: '', text: text.slice(0, 120) }),
    );
  }
  const next = async (): Promise<void> => {
    const job = jobs.shift();
    if (!job) return;
    await job();
    report(1);
    return next();
  };
  await Promise.all(Array.from({ length: env.workers * env.parallel }, next));
} else if (env.mode === 'jobs') {
  // The server as deployed: pg-boss's workers deliver each message's job (and the sweep runs).
  const hourglass = await appOn(env.dbUrl, { jobs: true });
  const deps = hourglass.notifications.deps;
  deps.channels = { email, sms };
  await new Promise<void>((resolve) => {
    const wait = () => (stop ? resolve() : setTimeout(wait, 100));
    wait();
  });
  await hourglass.close();
} else {
  const hourglass = await appOn(env.dbUrl);
  const deps = hourglass.notifications.deps;
  deps.channels = { email, sms };
  await Promise.all(
    Array.from({ length: env.workers }, async () => {
      while (!stop) {
        const outcomes = await deliverDue(deps, env.batch * 4, {
          batch: env.batch,
          parallel: env.parallel,
        });
        const sent = outcomes.filter((o) => o === 'sent').length;
        if (sent > 0) report(sent);
        if (outcomes.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
  await hourglass.close();
}
mailer.close?.();
process.exit(0);
