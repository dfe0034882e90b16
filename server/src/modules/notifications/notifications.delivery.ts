import { randomUUID } from 'node:crypto';
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
  const claim = await deps.db.transaction(async (tx) => {
    const m = await store.lockScheduled(tx, id);
    if (!m) return 'gone' as const;
    if (m.due_at > now) return 'early' as const;
    const prefs = await deps.preferences(tx, m.organization_id, m.patient_id);
    const quiet = await quietHoursOf(deps, tx, m.organization_id, m.patient_id, m.location_id);
    if (m.respects_quiet) {
      const at = shiftOutOfQuiet(now.getTime(), quiet, m.appointment_start.getTime());
      if (at > now.getTime()) {
        const jobId = deps.jobs ? randomUUID() : null;
        if (deps.jobs && m.job_id) await deps.jobs.cancel('notification-send', [m.job_id], { tx });
        await store.setJob(tx, m.id, jobId, new Date(at));
        if (jobId) await enqueue(deps, tx, m.id, jobId, at, now.getTime());
        return 'deferred' as const;
      }
    }
    await store.markSending(tx, m.id);
    return { m, prefs, zone: quiet.zone };
  });
  if (typeof claim === 'string') return claim;
  const { m, prefs, zone } = claim;
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
    return 'sent';
  } catch (err) {
    deps.log.error({ err, messageId: m.id }, 'notification not sent');
    await store.markFailed(deps.db, m.id);
    return 'failed';
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
  const { channelOrder } = await store.findPlan(deps.db, m.organization_id, null);
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

/** Delivers every message due by the app's clock (the sweep's catch-up; tests call it). */
export async function deliverDue(deps: NotificationsDeps, limit = 500) {
  const ids = await store.dueIds(deps.db, deps.clock.now(), limit);
  const outcomes: DeliveryOutcome[] = [];
  for (const id of ids) outcomes.push(await deliver(deps, id));
  return outcomes;
}
