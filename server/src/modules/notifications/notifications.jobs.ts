import type { Actor } from '../../platform/http/actor.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { deliverDue, deliverMany } from './notifications.delivery.ts';
import {
  EXTRA_REMINDER_QUEUE,
  SEND_QUEUE,
  SWEEP_QUEUE,
  type NotificationsDeps,
} from './notifications.deps.ts';
import { planExtraReminders } from './notifications.extra-reminders.ts';
import * as store from './notifications.store.ts';

const DAY = 86_400_000;
const system: Actor = { type: 'system', job: 'notifications.sweep' };
/**
 * A claimed message not recorded within this long was lost with its worker: a live batch ends
 * well before (its vendors' timeouts are seconds; SMTP's socket timeout is the longest).
 */
export const LOST_CLAIM_MS = 30 * 60_000;

/** Texts of sent messages past the retention window are cleared; the metadata stays. */
export function purgeExpiredBodies(deps: NotificationsDeps): Promise<number> {
  return store.purgeBodies(
    deps.db,
    new Date(deps.clock.now().getTime() - deps.retentionDays * DAY),
  );
}

/**
 * Claims lost with their worker are made visible: whether the vendor took the message is unknown,
 * so it is never sent again by itself (that could send it twice) but marked `failed` with its
 * delivery `unconfirmed`, audited, for staff to resend from the message log.
 */
export async function failLostClaims(deps: NotificationsDeps): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - LOST_CLAIM_MS);
  return deps.db.transaction(async (tx) => {
    const lost = await store.failLostClaims(tx, before);
    for (const m of lost) {
      await deps.audit.record(
        {
          actor: system,
          action: 'notification.unconfirmed',
          resourceType: 'notification',
          resourceId: m.id,
          patientId: m.patient_id,
          organizationId: m.organization_id,
          outcome: 'failed',
        },
        tx,
      );
    }
    return lost.length;
  });
}

/**
 * One job per message (written with the change that planned it, due at its time), and a sweep
 * every minute: catches up on any message whose job was lost, surfaces claims lost with their
 * worker and clears expired texts. Every hour,
 * the extra reminders of visits at high risk of a no-show. A job's payload is the message id alone.
 */
export async function startNotificationJobs(jobs: Jobs, deps: NotificationsDeps) {
  await jobs.boss.createQueue(SEND_QUEUE);
  await jobs.boss.createQueue(SWEEP_QUEUE);
  await jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');
  // A worker's batch of jobs is claimed in one transaction and recorded in one before pg-boss
  // acknowledges the jobs (a job whose message is gone, claimed or sent has nothing to do). While
  // fetches come back full (reminders falling due together) the workers fetch again at once
  // instead of waiting for the next poll: 100 a fetch, 4 workers a process, 25 sent at once.
  await jobs.boss.work<{ messageId: string }>(
    SEND_QUEUE,
    { batchSize: 100, burstWhenBatchFull: true, localConcurrency: 4 },
    async (batch) => {
      await deliverMany(
        deps,
        batch.map((job) => job.data.messageId),
        25,
      );
    },
  );
  await jobs.boss.createQueue(EXTRA_REMINDER_QUEUE);
  await jobs.boss.schedule(EXTRA_REMINDER_QUEUE, '7 * * * *');
  await jobs.boss.work(EXTRA_REMINDER_QUEUE, async () => {
    const planned = await planExtraReminders(deps);
    if (planned > 0) deps.log.info({ planned }, 'extra reminders planned for high no-show risk');
  });
  await jobs.boss.work(SWEEP_QUEUE, async () => {
    // Batches of 50 claimed per transaction, 5 sent at once (pooled SMTP helps: HOURGLASS_SMTP_POOL).
    await deliverDue(deps, 500, { batch: 50, parallel: 5 });
    const lost = await failLostClaims(deps);
    if (lost > 0) deps.log.warn({ lost }, 'notifications claimed but never recorded: unconfirmed');
    const purged = await purgeExpiredBodies(deps);
    if (purged > 0) deps.log.info({ purged }, 'notification texts past retention cleared');
  });
}
