import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Status } from './booking.statuses.ts';
import type { AppointmentRow } from './booking.store.ts';

/**
 * A change of an appointment's status, told to `BookingDeps.onStatusChanged` inside the
 * transaction that makes it: notifications plan, move and cancel their messages (and jobs) there,
 * so they commit or roll back with the change. Opaque ids and reason codes only.
 */
export interface AppointmentChange {
  organizationId: string;
  appointmentId: string;
  patientId: string | null;
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  modality: 'in_person' | 'telehealth';
  start: Date;
  from: Status | null;
  to: Status;
  /** The cancellation's reason code (`rescheduled` for the old half of a move). */
  reasonCode: string | null;
  /** For a rescheduled appointment's new half: the appointment it replaced. */
  rescheduledFrom: string | null;
  /**
   * An occurrence booked as part of a series: its series, and whether it is the first booked
   * occurrence (the one the series' single confirmation is planned for; reminders stay per visit).
   */
  series?: { id: string; first: boolean };
}

export type StatusChangeListener = (
  tx: Queryable,
  change: AppointmentChange,
  actor: Actor,
) => Promise<void>;

export function changeOf(
  row: Pick<
    AppointmentRow,
    | 'id'
    | 'organization_id'
    | 'patient_id'
    | 'appointment_type_id'
    | 'provider_id'
    | 'location_id'
    | 'modality'
    | 'starts_at'
    | 'rescheduled_from'
  >,
  from: Status | null,
  to: Status,
  reasonCode: string | null,
): AppointmentChange {
  return {
    organizationId: row.organization_id,
    appointmentId: row.id,
    patientId: row.patient_id,
    appointmentTypeId: row.appointment_type_id,
    providerId: row.provider_id,
    locationId: row.location_id,
    modality: row.modality,
    start: row.starts_at,
    from,
    to,
    reasonCode,
    rescheduledFrom: row.rescheduled_from,
  };
}
