import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Conflict, NotFound } from '../../platform/http/errors.ts';
import { deliver, type DeliveryOutcome } from './notifications.delivery.ts';
import { SEND_QUEUE, type NotificationsDeps } from './notifications.deps.ts';
import { enqueue } from './notifications.planner.ts';
import * as store from './notifications.store.ts';

export const overrideInput = z.strictObject({
  action: z.enum(['send_now', 'skip', 'resend']),
  reason: z.enum([
    'patient_request',
    'wrong_contact',
    'clinic_decision',
    'delivery_failed',
    'other',
  ]),
});
export type OverrideInput = z.infer<typeof overrideInput>;

const auditAction: Record<OverrideInput['action'], string> = {
  send_now: 'notification.override.send_now',
  skip: 'notification.override.skip',
  resend: 'notification.override.resend',
};

const allowedFrom: Record<OverrideInput['action'], readonly string[]> = {
  send_now: ['scheduled'],
  skip: ['scheduled'],
  resend: ['sent', 'failed', 'sending'],
};

/**
 * Staff's hand on one message, with who and why (`notification_overrides`, audited in the same
 * transaction): send a scheduled message now (quiet hours are the staff member's call), skip it,
 * or resend a sent or failed one as a new message (its own idempotency key, `resend_of` the
 * first). The message's appointment must be in the caller's reach (404 otherwise, like a missing
 * one); a message in another state is a 409 naming it.
 */
export async function override(
  deps: NotificationsDeps,
  actor: Actor,
  organizationId: string,
  messageId: string,
  input: OverrideInput,
): Promise<{ messageId: string; outcome: DeliveryOutcome | 'skipped' }> {
  const found = await store.findMessage(deps.db, organizationId, messageId);
  if (!found) throw new NotFound();
  await deps.appointmentInReach(actor, organizationId, found.appointment_id);
  const now = deps.clock.now();
  const target = await deps.db.transaction(async (tx) => {
    const m = await store.lockMessage(tx, organizationId, messageId);
    if (!m) throw new NotFound();
    if (!allowedFrom[input.action].includes(m.status)) {
      throw new Conflict(
        'message-state',
        'Not possible for this message now',
        `This message is ${m.status}.`,
        { messageStatus: m.status },
      );
    }
    await store.insertOverride(
      tx,
      m.id,
      input.action,
      actorId(actor) ?? 'unknown',
      input.reason,
      now,
    );
    let target = m.id;
    if (input.action === 'skip') {
      await store.setStatus(tx, m.id, 'skipped');
      if (deps.jobs && m.job_id) await deps.jobs.cancel(SEND_QUEUE, [m.job_id], { tx });
    } else if (input.action === 'send_now') {
      await store.sendNow(tx, m.id, now);
    } else {
      const count = await store.countResends(tx, m.id);
      const jobId = deps.jobs ? randomUUID() : null;
      target = (await store.insertMessage(tx, {
        organizationId,
        appointmentId: m.appointment_id,
        patientId: m.patient_id,
        kind: m.kind,
        dueAt: now,
        respectsQuiet: false,
        reasonCode: m.reason_code,
        appointmentStart: m.appointment_start,
        locationId: m.location_id,
        modality: m.modality,
        idempotencyKey: `resend:${m.id}:${count + 1}`,
        jobId,
        resendOf: m.id,
        appointmentTypeId: m.appointment_type_id,
      }))!;
      if (jobId) await enqueue(deps, tx, target, jobId, now.getTime(), now.getTime());
    }
    await deps.audit.record(
      {
        actor,
        action: auditAction[input.action],
        resourceType: 'notification',
        resourceId: m.id,
        patientId: m.patient_id,
        organizationId,
        outcome: 'success',
      },
      tx,
    );
    return target;
  });
  if (input.action === 'skip') return { messageId: target, outcome: 'skipped' };
  return { messageId: target, outcome: await deliver(deps, target) };
}
