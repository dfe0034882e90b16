import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import { changeOf, type AppointmentChange } from './booking.changes.ts';
import { overbookProblem } from './booking.overbook-errors.ts';
import { SlotTaken, type CheckedSlot } from './booking.rules.ts';
import type { HoldInput } from './booking.schema.ts';
import type { BookingDeps } from './booking.service.ts';
import * as store from './booking.store.ts';

/**
 * The insert inside a booking transaction: clear expired holds in the way (only when the check
 * saw one), then one INSERT with its history row and its audit event, then the resources.
 * Returns the new row.
 */
export async function insert(
  tx: Queryable,
  deps: BookingDeps,
  input: Pick<
    HoldInput,
    'organizationId' | 'providerId' | 'locationId' | 'patientId' | 'modality' | 'overbookReason'
  >,
  slot: CheckedSlot,
  status: 'held' | 'booked',
  rescheduledFrom: string | null,
  event: { actorType: string; actorId: string | null; reasonCode: string | null },
  audited: { actor: Actor; action: string; skip?: boolean | undefined },
  series?: AppointmentChange['series'],
): Promise<store.AppointmentRow> {
  const now = deps.now();
  if (slot.expiredHolds) {
    await store.expireOverlappingHolds(
      tx,
      input.providerId,
      slot.resourceIds,
      slot.during,
      new Date(now),
    );
  }
  const videoRoom = input.modality === 'telehealth' ? randomBytes(16).toString('base64url') : null;
  const lane = input.overbookReason ? 1 : 0;
  let inserted;
  try {
    inserted = await store.insertAppointment(
      tx,
      {
        organizationId: input.organizationId,
        appointmentTypeId: slot.type.id,
        providerId: input.providerId,
        locationId: input.locationId,
        patientId: input.patientId,
        modality: input.modality,
        status,
        start: slot.start,
        end: slot.end,
        during: slot.during,
        lane,
        overbookReason: input.overbookReason ?? null,
        holdExpiresAt: status === 'held' ? new Date(now + deps.holdMinutes * 60_000) : null,
        rescheduledFrom,
        videoRoom,
      },
      event,
      audited.skip
        ? undefined
        : createAudit(tx).inStatement(
            {
              actor: audited.actor,
              action: audited.action,
              resourceType: 'appointment',
              patientId: input.patientId,
              organizationId: input.organizationId,
              outcome: 'success',
            },
            'a',
          ),
    );
  } catch (err) {
    // The overbooking trigger's refusals: the policy says no, or a cap is reached.
    const problem = overbookProblem(err);
    if (problem !== err) throw problem;
    // The patient's existence is checked by its foreign key rather than by an extra read.
    if ((err as { code?: string }).code === '23503') {
      throw new Invalid('No such patient here.', [
        { pointer: '/patientId', detail: 'unknown patient' },
      ]);
    }
    throw err;
  }
  if (!inserted) throw new SlotTaken();
  const taken = await store.insertResources(tx, inserted.id, slot.resourceIds, slot.during);
  if (taken < slot.resourceIds.length) throw new SlotTaken();
  await deps.onAppointmentCreated?.(
    tx,
    { id: inserted.id, appointmentTypeId: slot.type.id },
    audited.actor,
  );
  const row: store.AppointmentRow = {
    id: inserted.id,
    organization_id: input.organizationId,
    appointment_type_id: slot.type.id,
    provider_id: input.providerId,
    location_id: input.locationId,
    patient_id: input.patientId,
    modality: input.modality,
    status,
    starts_at: slot.start,
    ends_at: slot.end,
    // The database picks an overbooking's lane (the lowest free one).
    lane: inserted.lane,
    hold_expires_at: inserted.hold_expires_at,
    cancel_reason: null,
    rescheduled_from: rescheduledFrom,
    video_room: videoRoom,
    version: inserted.version,
    resource_ids: [...slot.resourceIds].sort(),
  };
  const change = changeOf(row, null, status, null);
  await deps.onStatusChanged?.(tx, series ? { ...change, series } : change, audited.actor);
  return row;
}
