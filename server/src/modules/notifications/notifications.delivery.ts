import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { MessagingPreferences } from '../patients/patients.messaging.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { shiftOutOfQuiet, type OutwardChannel } from './notifications.plan.ts';
import { enqueue, quietHoursOf } from './notifications.planner.ts';
import { render, variablesFor } from './notifications.render.ts';
import * as store from './notifications.store.ts';
import { agreementInForce } from './notifications.vendors.ts';
import { languageOf } from './notifications.templates.ts';

export type DeliveryOutcome = 'sent' | 'failed' | 'gone' | 'early' | 'deferred';

const system: Actor = { type: 'system', job: 'notifications.deliver' };

interface Claimed {
  m: store.MessageRow;
  prefs: MessagingPreferences | undefined;
  zone: string;
}

/**
 * Delivers one message, at most once: it is locked and marked `sending` in one transaction
 * (a cancelled, moved, sent or claimed message is `gone`), sent on the first channel that takes
 * it, and recorded `sent` with the vendor's id before the job is acknowledged. A worker that dies
 * between the vendor and that record leaves it `sending`, which nothing sends again by itself
 * (staff see it and may resend). Quiet hours are checked again now, in the patient's current
 * zone: a zone changed since planning moves the message.
 */
export async function deliver(deps: NotificationsDeps, id: string): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (tx) => {
    const m = await store.lockScheduled(tx, id);
    return m ? claim(deps, tx, m, now) : ('gone' as const);
  });
  return typeof claimed === 'string' ? claimed : send(deps, claimed);
}

/**
 * The claim, inside the transaction holding the message's lock: too early, deferred out of the
 * patient's quiet hours, or marked `sending` (committed before anything is sent).
 */
async function claim(
  deps: NotificationsDeps,
  tx: Queryable,
  m: store.MessageRow,
  now: Date,
): Promise<Claimed | 'early' | 'deferred'> {
  if (m.due_at > now) return 'early';
  const prefs = await deps.preferences(tx, m.organization_id, m.patient_id);
  const quiet = await quietHoursOf(deps, tx, m.organization_id, m.patient_id, m.location_id);
  if (m.respects_quiet) {
    const at = shiftOutOfQuiet(now.getTime(), quiet, m.appointment_start.getTime());
    if (at > now.getTime()) {
      const jobId = deps.jobs ? randomUUID() : null;
      if (deps.jobs && m.job_id) await deps.jobs.cancel('notification-send', [m.job_id], { tx });
      await store.setJob(tx, m.id, jobId, new Date(at));
      if (jobId) await enqueue(deps, tx, m.id, jobId, at, now.getTime());
      return 'deferred';
    }
  }
  await store.markSending(tx, m.id, now);
  return { m, prefs, zone: quiet.zone };
}

/** Sends a claimed message and records the vendor's id with `sent` (or marks it `failed`). */
async function send(deps: NotificationsDeps, { m, prefs, zone }: Claimed) {
  try {
    const sent = await sendOnFirstChannel(deps, m, prefs, zone);
    await deps.db.transaction(async (tx) => {
      await store.markSent(tx, m.id, { ...sent, sentAt: deps.clock.now() });
      await deps.audit.record(
        {
          actor: system,
          action: 'notification.sent',
          resourceType: 'notification',
          resourceId: m.id,
          patientId: m.patient_id,
          organizationId: m.organization_id,
          outcome: 'success',
        },
        tx,
      );
    });
    return 'sent' as const;
  } catch (err) {
    deps.log.error({ err, messageId: m.id }, 'notification not sent');
    await store.markFailed(deps.db, m.id);
    return 'failed' as const;
  }
}

/**
 * The first outward channel of the organization's order that the patient consented to, the app
 * has an adapter for and the patient has an address on; a failure falls through to the next.
 * None: the portal inbox alone (which holds every sent message anyway).
 */
async function sendOnFirstChannel(
  deps: NotificationsDeps,
  m: store.MessageRow,
  prefs: MessagingPreferences | undefined,
  zone: string,
) {
  const now = deps.clock.now();
  const language = languageOf(prefs?.language);
  const values = await variablesFor(deps.db, m, language, zone, deps.publicUrl);
  const consented = new Set<string>(prefs?.channels ?? []);
  const { channelOrder } = await store.findPlan(deps.db, m.organization_id, m.appointment_type_id);
  for (const name of channelOrder) {
    const adapter = deps.channels[name];
    if (!consented.has(name) || !adapter) continue;
    if (adapter.handlesPhi && !(await agreementInForce(deps.db, m.organization_id, name, now))) {
      continue;
    }
    const to = await deps.address(deps.db, m.organization_id, m.patient_id, name);
    if (!to) continue;
    const r = await render(deps, m, templateChannelOf(name), language, values);
    try {
      const { vendorId, recipientDigest } = await adapter.send({
        idempotencyKey: m.idempotency_key,
        to,
        subject: r.subject,
        text: r.body,
      });
      return { channel: name, language, vendorId, recipientDigest, ...r };
    } catch {
      // The adapter logged what it may (no address); the next channel is tried.
      deps.log.warn({ messageId: m.id, channel: name }, 'channel failed: falling back');
    }
  }
  const r = await render(deps, m, 'portal', language, values);
  return { channel: 'portal', language, vendorId: `portal:${m.id}`, ...r };
}

function templateChannelOf(channel: OutwardChannel) {
  return channel === 'email' ? 'email' : 'sms';
}

/**
 * Delivers every message due by the app's clock, a batch at a time: each batch is claimed in
 * one transaction (`for update skip locked`, so concurrent workers take disjoint batches), then
 * sent `parallel` at a time. The sweep's catch-up and the benchmark; tests call it.
 */
export async function deliverDue(
  deps: NotificationsDeps,
  limit = 500,
  opts: { batch?: number; parallel?: number } = {},
) {
  const batch = Math.max(1, Math.min(opts.batch ?? 50, limit));
  const parallel = Math.max(1, opts.parallel ?? 1);
  const outcomes: DeliveryOutcome[] = [];
  while (outcomes.length < limit) {
    const now = deps.clock.now();
    const claimed = await deps.db.transaction(async (tx) => {
      const rows = await store.lockDue(tx, now, Math.min(batch, limit - outcomes.length));
      const out: (Claimed | 'early' | 'deferred')[] = [];
      for (const m of rows) out.push(await claim(deps, tx, m, now));
      return out;
    });
    if (claimed.length === 0) break;
    const queue = [...claimed];
    const sendNext = async (): Promise<void> => {
      const c = queue.shift();
      if (!c) return;
      outcomes.push(typeof c === 'string' ? c : await send(deps, c));
      return sendNext();
    };
    await Promise.all(Array.from({ length: Math.min(parallel, queue.length) }, sendNext));
  }
  return outcomes;
}
