import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { AppointmentChange } from '../booking/booking.changes.ts';
import { locationZone } from '../directory/directory.service.ts';
import { SEND_QUEUE, type NotificationsDeps } from './notifications.deps.ts';
import {
  defaultQuiet,
  planMessages,
  type PlannedMessage,
  type QuietHours,
} from './notifications.plan.ts';
import { expireAppointmentTokens } from './notifications.actions-store.ts';
import * as store from './notifications.store.ts';

/**
 * Booking's `onStatusChanged`, inside the transaction of the change: an appointment that becomes
 * booked gets its confirmation (or reschedule notice), reminder and nudge planned, each a row
 * and a pg-boss job; any other change cancels what was still pending (rows and jobs) and ends
 * the appointment's action links, and a
 * cancellation the patient should hear of plans its notice. All commit or roll back with the
 * change, so no message outlives its appointment.
 */
export function statusChangePlanner(deps: NotificationsDeps) {
  return async (tx: Queryable, c: AppointmentChange, actor: Actor): Promise<void> => {
    if (!c.patientId || c.to === 'held') return;
    const jobIds = await store.cancelPending(tx, c.appointmentId);
    if (deps.jobs && jobIds.length > 0) await deps.jobs.cancel(SEND_QUEUE, jobIds, { tx });
    // Its action links (confirm, cancel, reschedule) end with the booking they were about.
    if (c.to !== 'booked') await expireAppointmentTokens(tx, c.appointmentId, deps.clock.now());
    const event =
      c.to === 'booked'
        ? c.rescheduledFrom
          ? 'rescheduled'
          : 'booked'
        : c.to === 'cancelled' && c.from === 'booked' && c.reasonCode !== 'rescheduled'
          ? 'cancelled'
          : undefined;
    if (!event) return;
    const now = deps.clock.now().getTime();
    const plan = await store.findPlan(tx, c.organizationId, c.appointmentTypeId);
    const planned = planMessages({
      event,
      appointmentStart: c.start.getTime(),
      now,
      // A series is confirmed once, with its first booked occurrence; each visit keeps its reminders.
      plan:
        event === 'booked' && c.series && !c.series.first
          ? { ...plan, confirmations: false }
          : plan,
      quiet: await quietHoursOf(deps, tx, c.organizationId, c.patientId, c.locationId),
      byPatient: actor.type === 'patient',
    });
    for (const m of planned) await schedule(deps, tx, c, m, now, actor.type !== 'patient');
  };
}

/** The patient's quiet hours in their zone (the location's zone when they never said theirs). */
export async function quietHoursOf(
  deps: NotificationsDeps,
  q: Queryable,
  organizationId: string,
  patientId: string,
  locationId: string,
): Promise<QuietHours> {
  const prefs = await deps.preferences(q, organizationId, patientId);
  return {
    ...(prefs?.quietHours ?? defaultQuiet),
    zone: prefs?.timeZone ?? (await locationZone(q, organizationId, locationId)),
  };
}

async function schedule(
  deps: NotificationsDeps,
  tx: Queryable,
  c: AppointmentChange,
  m: PlannedMessage,
  now: number,
  staffMade: boolean,
) {
  const jobId = deps.jobs ? randomUUID() : null;
  const id = await store.insertMessage(tx, {
    organizationId: c.organizationId,
    appointmentId: c.appointmentId,
    patientId: c.patientId!,
    kind: m.kind,
    dueAt: new Date(m.dueAt),
    // The answer to the patient's own action goes at once; everything else keeps quiet hours.
    respectsQuiet: staffMade || m.kind === 'reminder' || m.kind === 'nudge',
    reasonCode: m.kind === 'cancellation' ? c.reasonCode : null,
    appointmentStart: c.start,
    locationId: c.locationId,
    modality: c.modality,
    idempotencyKey: `${c.appointmentId}:${m.kind}`,
    jobId,
    appointmentTypeId: c.appointmentTypeId,
  });
  if (id && jobId) await enqueue(deps, tx, id, jobId, m.dueAt, now);
}

/** The message's job, due at `dueAt` by the app's clock (mapped to the database's time). */
export async function enqueue(
  deps: NotificationsDeps,
  tx: Queryable,
  messageId: string,
  jobId: string,
  dueAt: number,
  now: number,
) {
  await deps.jobs!.send(
    SEND_QUEUE,
    { messageId },
    { tx, id: jobId, startAfter: new Date(Date.now() + Math.max(0, dueAt - now)) },
  );
}

/**
 * A waitlist offer's message (the waitlist's `sendOffer` seam), in the offer's transaction: due
 * at once (an offer waits for nobody's morning: it expires), about the hold appointment, to the
 * patient the offer is for. Its link is minted when it is written (render's `offerLink`).
 */
export async function planWaitlistOffer(
  deps: NotificationsDeps,
  tx: Queryable,
  o: {
    organizationId: string;
    holdId: string;
    patientId: string;
    locationId: string;
    modality: string;
    start: Date;
    offerId: string;
  },
) {
  const now = deps.clock.now().getTime();
  const jobId = deps.jobs ? randomUUID() : null;
  const id = await store.insertMessage(tx, {
    organizationId: o.organizationId,
    appointmentId: o.holdId,
    patientId: o.patientId,
    kind: 'waitlist_offer',
    dueAt: new Date(now),
    respectsQuiet: false,
    reasonCode: null,
    appointmentStart: o.start,
    locationId: o.locationId,
    modality: o.modality,
    idempotencyKey: `${o.offerId}:waitlist_offer`,
    jobId,
  });
  if (id && jobId) await enqueue(deps, tx, id, jobId, now, now);
}
