import { randomUUID } from 'node:crypto';
import { appointmentsForExtraReminder } from '../booking/booking.no-show-risk.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { shiftOutOfQuiet } from './notifications.plan.ts';
import { enqueue, quietHoursOf } from './notifications.planner.ts';
import * as store from './notifications.store.ts';

/**
 * The extra reminder for visits likely to be missed (booking's no-show risk, "high"): every hour,
 * booked visits starting 20 to 30 hours ahead get one more reminder, due 24 hours before the
 * start (out of the patient's quiet hours, never in the past). It is the plan's reminder
 * message again — the same PHI-free template — under its own idempotency key
 * (`<appointment>:reminder:extra`), so a visit gets it once; a change of the visit cancels it
 * with the visit's other pending messages. Returns how many were planned.
 */

const HOUR = 3_600_000;
export const EXTRA_REMINDER_LEAD = 24 * HOUR;

export async function planExtraReminders(deps: NotificationsDeps): Promise<number> {
  const now = deps.clock.now().getTime();
  const due = await appointmentsForExtraReminder(deps.db, {
    from: new Date(now + 20 * HOUR),
    to: new Date(now + 30 * HOUR),
    now: new Date(now),
  });
  let planned = 0;
  for (const a of due) {
    const start = a.startsAt.getTime();
    const written = await deps.db.transaction(async (tx) => {
      const quiet = await quietHoursOf(deps, tx, a.organizationId, a.patientId, a.locationId);
      const dueAt = shiftOutOfQuiet(Math.max(now, start - EXTRA_REMINDER_LEAD), quiet, start);
      if (dueAt < now || dueAt >= start) return false;
      const jobId = deps.jobs ? randomUUID() : null;
      const id = await store.insertMessage(tx, {
        organizationId: a.organizationId,
        appointmentId: a.appointmentId,
        patientId: a.patientId,
        kind: 'reminder',
        dueAt: new Date(dueAt),
        respectsQuiet: true,
        reasonCode: null,
        appointmentStart: a.startsAt,
        locationId: a.locationId,
        modality: a.modality,
        idempotencyKey: `${a.appointmentId}:reminder:extra`,
        jobId,
        appointmentTypeId: a.appointmentTypeId,
      });
      if (id && jobId) await enqueue(deps, tx, id, jobId, dueAt, now);
      return id !== undefined;
    });
    if (written) planned++;
  }
  return planned;
}
