import type { Queryable } from '../../platform/db/db.ts';
import { directoryNames } from '../directory/directory.lookup.ts';
import type { listedStatuses } from './booking.statuses.ts';

/**
 * One patient's appointments, for the patients module's projections and the right-of-access
 * export. Structured fields only: ids, times, status, what, who, where and how; never free text.
 * Expired holds are left out (they never became appointments), and with `now` (the app's clock)
 * so are holds past their expiry that the sweeper has not reached yet.
 */
export interface PatientAppointment {
  id: string;
  start: string;
  end: string;
  status: (typeof listedStatuses)[number];
  appointmentType: { id: string; name: string };
  provider: { id: string; displayName: string };
  location: { id: string; name: string };
  modality: 'in_person' | 'telehealth';
}

/** A state change of an appointment, as the booking's history keeps it (reason codes only). */
export interface AppointmentChange {
  at: string;
  from: string | null;
  to: string;
  by: string;
  reasonCode: string | null;
}

export type PatientAppointmentWithHistory = PatientAppointment & { history: AppointmentChange[] };

export type PatientAppointmentsReader = (
  db: Queryable,
  organizationId: string,
  patientId: string,
) => Promise<PatientAppointment[]>;

interface Row {
  id: string;
  starts_at: Date;
  ends_at: Date;
  status: PatientAppointment['status'];
  modality: PatientAppointment['modality'];
  type_id: string;
  provider_id: string;
  location_id: string;
}

/**
 * The patient's appointments in this organization, newest first, with the names the directory
 * publishes for their type, provider and place (directory.lookup.ts; booking joins no directory
 * table).
 */
export const patientAppointments = async (
  db: Queryable,
  org: string,
  patientId: string,
  now?: Date,
): Promise<PatientAppointment[]> => {
  const { rows } = await db.query<Row>(
    `select a.id::text, a.starts_at, a.ends_at, a.status, a.modality,
            a.appointment_type_id::text as type_id, a.provider_id::text as provider_id,
            a.location_id::text as location_id
       from appointments a
      where a.organization_id = $1 and a.patient_id = $2 and a.status <> 'expired'
        and ($3::timestamptz is null or not (a.status = 'held' and a.hold_expires_at <= $3))
      order by a.starts_at desc, a.id`,
    [org, patientId, now ?? null],
  );
  if (rows.length === 0) return [];
  const unique = (pick: (r: Row) => string) => [...new Set(rows.map(pick))];
  const names = await directoryNames(db, org, {
    typeIds: unique((r) => r.type_id),
    providerIds: unique((r) => r.provider_id),
    locationIds: unique((r) => r.location_id),
  });
  return rows.map((r) => ({
    id: r.id,
    start: r.starts_at.toISOString(),
    end: r.ends_at.toISOString(),
    status: r.status,
    appointmentType: { id: r.type_id, name: names.types.get(r.type_id)?.name ?? '' },
    provider: {
      id: r.provider_id,
      displayName: names.providers.get(r.provider_id)?.displayName ?? '',
    },
    location: { id: r.location_id, name: names.locations.get(r.location_id)?.name ?? '' },
    modality: r.modality,
  }));
};

/** The same, each with its state changes in order (for the patient's own export). */
export async function patientAppointmentsWithHistory(
  db: Queryable,
  org: string,
  patientId: string,
  now?: Date,
): Promise<PatientAppointmentWithHistory[]> {
  const appointments = await patientAppointments(db, org, patientId, now);
  if (appointments.length === 0) return [];
  const { rows } = await db.query<{
    appointment_id: string;
    occurred_at: Date;
    actor_type: string;
    from_status: string | null;
    to_status: string;
    reason_code: string | null;
  }>(
    `select appointment_id::text, occurred_at, actor_type, from_status, to_status, reason_code
       from appointment_events where appointment_id = any($1::uuid[]) order by id`,
    [appointments.map((a) => a.id)],
  );
  return appointments.map((a) => ({
    ...a,
    history: rows
      .filter((r) => r.appointment_id === a.id)
      .map((r) => ({
        at: r.occurred_at.toISOString(),
        from: r.from_status,
        to: r.to_status,
        by: r.actor_type,
        reasonCode: r.reason_code,
      })),
  }));
}

/** The patient export's part from booking: `appointments`, each with its history. */
export async function appointmentsExport(
  db: Queryable,
  org: string,
  patientId: string,
  now?: Date,
) {
  return { appointments: await patientAppointmentsWithHistory(db, org, patientId, now) };
}

/** Appointments per status in the organization: counts only, for managers. */
export async function appointmentCountsByStatus(
  db: Queryable,
  org: string,
): Promise<Record<string, number>> {
  const { rows } = await db.query<{ status: string; n: string }>(
    `select status, count(*) as n from appointments
      where organization_id = $1 and status <> 'expired' group by status`,
    [org],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Whether an appointment is booked and still ahead: what a patient's reply by SMS (C, R) may
 * confirm or move. The notifications module asks it (composed in app.ts).
 */
export async function appointmentStillAhead(
  q: Queryable,
  organizationId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { rows } = await q.query(
    `select 1 from appointments
      where organization_id = $1 and id = $2 and status = 'booked' and starts_at > $3`,
    [organizationId, id, now],
  );
  return rows.length > 0;
}
