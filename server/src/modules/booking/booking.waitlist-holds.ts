import type { Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import type { Modality } from '../availability/availability.types.ts';
import { changeOf } from './booking.changes.ts';
import { checkSlot, openTimes as openTimesOf } from './booking.rules.ts';
import { audit, getAppointment, type BookingDeps } from './booking.service.ts';
import * as store from './booking.store.ts';

export type { ExpiredHold } from './booking.store.ts';

/**
 * What booking publishes for the waitlist (modules/waitlist): a patient-less hold on a freed slot,
 * so the exclusion constraint keeps it while offers are out; turning that hold into the accepting
 * patient's booking (a conditional update: the first acceptance wins); releasing it; and
 * cancelling the appointment an accepted offer moves earlier, in the acceptance's transaction.
 */

export interface OfferSlot {
  organizationId: string;
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  modality: Modality;
  start: Date;
}

/**
 * The open times of a type in a window, earliest first (the engine on booking's occupancy): what
 * the waitlist's sweep offers when new hours open or a time is free that nobody freed.
 */
export const openTimes = openTimesOf;

const WAITLIST_JOB = 'waitlist.offer';
const waitlistJob: Actor = { type: 'system', job: WAITLIST_JOB };

/**
 * Holds the slot for offers until `expiresAt`, then runs `then` in the same transaction (the
 * waitlist writes its offers there). Undefined when the slot is no longer free or bookable
 * (someone booked it first, the notice has passed): nothing is written then.
 */
export async function placeOfferHold<T>(
  deps: BookingDeps,
  slot: OfferSlot,
  expiresAt: Date,
  then: (tx: Queryable, holdId: string) => Promise<T>,
): Promise<{ holdId: string; result: T } | undefined> {
  const now = deps.now();
  try {
    const out = await deps.db.transaction(async (tx) => {
      const checked = await checkSlot(tx, {
        organizationId: slot.organizationId,
        appointmentTypeId: slot.appointmentTypeId,
        providerId: slot.providerId,
        locationId: slot.locationId,
        modality: slot.modality,
        start: slot.start.getTime(),
        now,
        overbook: false,
      });
      if (checked.expiredHolds) {
        await store.expireOverlappingHolds(
          tx,
          slot.providerId,
          checked.resourceIds,
          checked.during,
          new Date(now),
        );
      }
      const inserted = await store.insertAppointment(
        tx,
        {
          organizationId: slot.organizationId,
          appointmentTypeId: checked.type.id,
          providerId: slot.providerId,
          locationId: slot.locationId,
          patientId: null,
          modality: slot.modality,
          status: 'held',
          start: checked.start,
          end: checked.end,
          during: checked.during,
          lane: 0,
          overbookReason: null,
          holdExpiresAt: expiresAt,
          rescheduledFrom: null,
          videoRoom: null,
        },
        { actorType: 'system', actorId: WAITLIST_JOB, reasonCode: 'waitlist' },
        createAudit(tx).inStatement(
          {
            actor: waitlistJob,
            action: 'booking.held',
            resourceType: 'appointment',
            patientId: null,
            organizationId: slot.organizationId,
            outcome: 'success',
          },
          'a',
        ),
      );
      if (!inserted) throw new Taken();
      const got = await store.insertResources(tx, inserted.id, checked.resourceIds, checked.during);
      if (got < checked.resourceIds.length) throw new Taken();
      return { holdId: inserted.id, result: await then(tx, inserted.id) };
    });
    deps.onChange?.(slot.organizationId, [slot.providerId]);
    return out;
  } catch (err) {
    // Taken, no longer offered (notice, hours changed), or a resource gone: no offer.
    if (err instanceof Taken || err instanceof DomainError) return undefined;
    throw err;
  }
}

class Taken extends Error {}

/**
 * The accepting patient's booking: the hold becomes theirs and `booked` only while it is still
 * a live, patient-less hold at `now` (the row lock orders concurrent acceptances; the later ones
 * find it booked and get undefined). With its history row, audit event and the notifications'
 * plan, in the caller's transaction.
 */
export async function claimOfferHold(
  tx: Queryable,
  deps: BookingDeps,
  actor: Actor,
  q: { organizationId: string; holdId: string; patientId: string },
): Promise<store.AppointmentRow | undefined> {
  const { rows } = await tx.query<store.AppointmentRow>(
    `update appointments a set status = 'booked', patient_id = $3, hold_expires_at = null,
       updated_at = now(), version = version + 1
      where a.organization_id = $1 and a.id = $2 and a.status = 'held' and a.patient_id is null
        and a.hold_expires_at > $4::timestamptz
      returning ${store.columns}, ${store.withResources}`,
    [q.organizationId, q.holdId, q.patientId, new Date(deps.now())],
  );
  const row = rows[0];
  if (!row) return undefined;
  await store.insertEvent(tx, {
    appointmentId: row.id,
    actorType: actor.type,
    actorId: actorId(actor),
    from: 'held',
    to: 'booked',
    reasonCode: 'waitlist',
  });
  await audit(tx, actor, 'booking.booked', {
    id: row.id,
    organizationId: q.organizationId,
    patientId: q.patientId,
  });
  await deps.onStatusChanged?.(tx, changeOf(row, 'held', 'booked', null), actor);
  return row;
}

/** After the acceptance commits: caches dropped, the booked seam told (as any booking). */
export async function announceClaimed(
  deps: BookingDeps,
  actor: Actor,
  row: Pick<store.AppointmentRow, 'id' | 'organization_id' | 'provider_id'>,
) {
  deps.onChange?.(row.organization_id, [row.provider_id]);
  const view = await getAppointment(actor, deps, row.organization_id, row.id);
  deps.onConfirmed?.({ ...view, organizationId: row.organization_id }, actor);
}

/** Lets a patient-less offer hold go (every offer on it declined or expired). */
export async function releaseOfferHold(
  tx: Queryable,
  deps: BookingDeps,
  organizationId: string,
  holdId: string,
): Promise<boolean> {
  const { rows } = await tx.query<{ id: string; provider_id: string }>(
    `update appointments set status = 'cancelled', cancel_reason = 'other', cancelled_by = 'system',
       hold_expires_at = null, updated_at = now(), version = version + 1
      where organization_id = $1 and id = $2 and status = 'held' and patient_id is null
      returning id, provider_id`,
    [organizationId, holdId],
  );
  if (!rows[0]) return false;
  await store.releaseResources(tx, [holdId]);
  await store.insertEvent(tx, {
    appointmentId: holdId,
    actorType: 'system',
    actorId: WAITLIST_JOB,
    from: 'held',
    to: 'cancelled',
    reasonCode: 'other',
  });
  await audit(tx, waitlistJob, 'booking.cancelled', {
    id: holdId,
    organizationId,
    patientId: null,
  });
  deps.onChange?.(organizationId, [rows[0].provider_id]);
  return true;
}

/** A patient's booked appointment (for "move this earlier"), or undefined. */
export async function bookedAppointmentOf(
  q: Queryable,
  organizationId: string,
  patientId: string,
  id: string,
): Promise<{ id: string; start: Date; appointmentTypeId: string } | undefined> {
  const row = await store.findAppointment(q, organizationId, id, { patientId });
  if (!row || row.status !== 'booked') return undefined;
  return { id: row.id, start: row.starts_at, appointmentTypeId: row.appointment_type_id };
}

/**
 * Cancels the appointment an accepted offer moves earlier (reason `rescheduled`), in the
 * acceptance's transaction. Undefined when it is no longer the patient's booked appointment
 * (then nothing is moved: the caller refuses the acceptance).
 */
export async function cancelMovedAppointment(
  tx: Queryable,
  deps: BookingDeps,
  actor: Actor,
  q: { organizationId: string; patientId: string; appointmentId: string },
): Promise<{ start: Date } | undefined> {
  const row = await store.findAppointment(
    tx,
    q.organizationId,
    q.appointmentId,
    { patientId: q.patientId },
    true,
  );
  if (!row || row.status !== 'booked') return undefined;
  await store.setStatus(tx, row.id, 'cancelled', {
    cancelReason: 'rescheduled',
    cancelledBy: actor.type,
  });
  await store.releaseResources(tx, [row.id]);
  await store.insertEvent(tx, {
    appointmentId: row.id,
    actorType: actor.type,
    actorId: actorId(actor),
    from: 'booked',
    to: 'cancelled',
    reasonCode: 'rescheduled',
  });
  await audit(tx, actor, 'booking.cancelled', {
    id: row.id,
    organizationId: q.organizationId,
    patientId: q.patientId,
  });
  await deps.onStatusChanged?.(tx, changeOf(row, 'booked', 'cancelled', 'rescheduled'), actor);
  deps.onChange?.(q.organizationId, [row.provider_id]);
  return { start: row.starts_at };
}
