import type { Jobs } from '../../platform/jobs/jobs.ts';
import { deliver, deliverDue } from './notifications.delivery.ts';
import {
  EXTRA_REMINDER_QUEUE,
  SEND_QUEUE,
  SWEEP_QUEUE,
  type NotificationsDeps,
} from './notifications.deps.ts';
import { planExtraReminders } from './notifications.extra-reminders.ts';
import * as store from './notifications.store.ts';

const DAY = 86_400_000;

/** Texts of sent messages past the retention window are cleared; the metadata stays. */
export function purgeExpiredBodies(deps: NotificationsDeps): Promise<number> {
  return store.purgeBodies(
    deps.db,
    new Date(deps.clock.now().getTime() - deps.retentionDays * DAY),
  );
}

/**
 * One job per message (written with the change that planned it, due at its time), and a sweep
 * every minute: catches up on any message whose job was lost and clears expired texts. Every hour,
 * the extra reminders of visits at high risk of a no-show. A job's payload is the message id alone.
 */
export async function startNotificationJobs(jobs: Jobs, deps: NotificationsDeps) {
  await jobs.boss.createQueue(SEND_QUEUE);
  await jobs.boss.createQueue(SWEEP_QUEUE);
  await jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');
  await jobs.boss.work<{ messageId: string }>(SEND_QUEUE, { batchSize: 20 }, async (batch) => {
    for (const job of batch) await deliver(deps, job.data.messageId);
  });
  await jobs.boss.createQueue(EXTRA_REMINDER_QUEUE);
  await jobs.boss.schedule(EXTRA_REMINDER_QUEUE, '7 * * * *');
  await jobs.boss.work(EXTRA_REMINDER_QUEUE, async () => {
    const planned = await planExtraReminders(deps);
    if (planned > 0) deps.log.info({ planned }, 'extra reminders planned for high no-show risk');
  });
  await jobs.boss.work(SWEEP_QUEUE, async () => {
    // Batches of 50 claimed per transaction, 5 sent at once (pooled SMTP helps: HOURGLASS_SMTP_POOL).
    await deliverDue(deps, 500, { batch: 50, parallel: 5 });
    const purged = await purgeExpiredBodies(deps);
    if (purged > 0) deps.log.info({ purged }, 'notification texts past retention cleared');
  });
}
