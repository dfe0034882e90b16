import type { Actor } from '../../platform/http/actor.ts';
import type { Appointment } from './booking.schema.ts';
import type { BookingDeps } from './booking.service.ts';
import { currentStatus } from './booking.state.ts';
import type { AppointmentRow } from './booking.store.ts';

/**
 * An appointment row as the API shows it: its status as of now (a hold past its expiry reads as
 * expired at once), and the video link only for the patient, around a telehealth visit.
 */
export function toView(
  row: AppointmentRow,
  actor: Actor,
  deps: BookingDeps,
  now = deps.now(),
): Appointment {
  // A hold past its expiry reads as expired at once, before the sweeper marks it.
  const status = currentStatus(row, now);
  const joinUrl =
    actor.type === 'patient' &&
    row.modality === 'telehealth' &&
    row.video_room &&
    deps.videoUrlTemplate &&
    (status === 'booked' || status === 'checked_in')
      ? deps.videoUrlTemplate.replace('{room}', row.video_room)
      : null;
  return {
    id: row.id,
    appointmentTypeId: row.appointment_type_id,
    providerId: row.provider_id,
    locationId: row.location_id,
    patientId: row.patient_id,
    modality: row.modality,
    status,
    start: row.starts_at.toISOString(),
    end: row.ends_at.toISOString(),
    holdExpiresAt:
      status === 'held' && row.hold_expires_at ? row.hold_expires_at.toISOString() : null,
    overbooked: row.lane > 0,
    resourceIds: row.resource_ids,
    rescheduledFrom: row.rescheduled_from,
    cancelReason: row.cancel_reason,
    joinUrl,
    version: row.version,
    seriesId: row.series_id ?? null,
  };
}
