import type { EventInStatement } from '../audit/audit.service.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { Params } from '../../platform/db/params.ts';
import type { StaffScope } from '../access/access.record.ts';
import { occupyingStatuses, statusIn, visitStatuses, type Status } from './booking.statuses.ts';

/**
 * The SQL of appointments, their resources and events. The occupied time availability reads is
 * in booking.occupied-store.ts, idempotency keys in booking.idempotency-store.ts, the schedule's
 * reads in booking.schedule.store.ts. Most are unnamed statements with a custom plan each.
 */

export const OCCUPYING = statusIn(occupyingStatuses);

export type { Status };

export interface AppointmentRow {
  id: string;
  organization_id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  patient_id: string | null;
  modality: 'in_person' | 'telehealth';
  status: Status;
  starts_at: Date;
  ends_at: Date;
  lane: number;
  hold_expires_at: Date | null;
  cancel_reason: string | null;
  rescheduled_from: string | null;
  video_room: string | null;
  version: number;
  resource_ids: string[];
  /** The recurring series the appointment belongs to (booking.series.ts), if any. */
  series_id?: string | null;
}

export const columns = `a.id, a.organization_id, a.appointment_type_id, a.provider_id, a.location_id,
  a.patient_id, a.modality, a.status, a.starts_at, a.ends_at, a.lane, a.hold_expires_at,
  a.cancel_reason, a.rescheduled_from, a.video_room, a.version, a.series_id`;

export const withResources = `coalesce((select array_agg(r.resource_id order by r.resource_id)
  from appointment_resources r where r.appointment_id = a.id), '{}') as resource_ids`;

/**
 * Marks holds past their expiry (at `now`, the app's clock) that overlap `during` for this
 * provider or these resources.
 */
export async function expireOverlappingHolds(
  tx: Queryable,
  providerId: string,
  resourceIds: string[],
  during: [Date, Date],
  now: Date,
) {
  const { rows } = await tx.query<{ id: string }>(
    `update appointments a set status = 'expired', updated_at = now(), version = version + 1
      where a.${OCCUPYING} and a.status = 'held' and a.hold_expires_at <= $5::timestamptz
        and a.during && tstzrange($2::timestamptz, $3::timestamptz)
        and (a.provider_id = $1 or exists (
              select 1 from appointment_resources r
               where r.appointment_id = a.id and r.resource_id = any($4::uuid[])))
      returning a.id`,
    [providerId, during[0], during[1], resourceIds, now],
  );
  if (rows.length > 0)
    await releaseResources(
      tx,
      rows.map((r) => r.id),
    );
  return rows.length;
}

/** A hold the sweeper expired: what the waitlist needs to offer its time again. */
export interface ExpiredHold {
  id: string;
  organization_id: string;
  patient_id: string | null;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  modality: 'in_person' | 'telehealth';
  starts_at: Date;
}

/**
 * The sweeper: expires the holds past their expiry at `now` (the app's clock), in bounded
 * batches; returns each with its organization and patient, for the audit trail.
 */
export async function expireAllHolds(db: Queryable, now: Date, limit = 1000) {
  const { rows } = await db.query<ExpiredHold>(
    `update appointments set status = 'expired', updated_at = now(), version = version + 1
      where id in (select id from appointments
                    where status = 'held' and hold_expires_at <= $2::timestamptz
                   order by hold_expires_at limit $1 for update skip locked)
      returning id, organization_id, patient_id, appointment_type_id, provider_id, location_id,
        modality, starts_at`,
    [limit, now],
  );
  if (rows.length > 0)
    await releaseResources(
      db,
      rows.map((r) => r.id),
    );
  return rows;
}

export async function releaseResources(tx: Queryable, appointmentIds: string[]) {
  await tx.query('delete from appointment_resources where appointment_id = any($1::uuid[])', [
    appointmentIds,
  ]);
}

export interface NewAppointment {
  organizationId: string;
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  /** Null only for a waitlist offer's hold, which no patient holds yet (booking.waitlist-holds.ts). */
  patientId: string | null;
  modality: 'in_person' | 'telehealth';
  status: 'held' | 'booked';
  start: Date;
  end: Date;
  during: [Date, Date];
  lane: number;
  overbookReason: string | null;
  /** When a hold lapses (the app's clock plus the hold minutes); null for a booking. */
  holdExpiresAt: Date | null;
  rescheduledFrom: string | null;
  videoRoom: string | null;
}

/**
 * The booking write: one INSERT that the exclusion constraint arbitrates, with its history row in
 * the same statement. ON CONFLICT DO NOTHING turns a taken slot into zero rows instead of an
 * error, so doomed inserts under contention do not deadlock each other. Undefined when taken.
 * With `audit` (built with `a` as its subject), the audit event is part of the statement too,
 * its parameters added after the appointment's.
 */
export async function insertAppointment(
  tx: Queryable,
  a: NewAppointment,
  event: { actorType: string; actorId: string | null; reasonCode: string | null },
  audit?: EventInStatement,
) {
  const p = new Params();
  const status = p.add(a.status);
  const row = [
    p.add(a.organizationId),
    p.add(a.appointmentTypeId),
    p.add(a.providerId),
    p.add(a.locationId),
    p.add(a.patientId),
    p.add(a.modality),
    status,
    p.add(a.start),
    p.add(a.end),
    `tstzrange(${p.add(a.during[0], 'timestamptz')}, ${p.add(a.during[1], 'timestamptz')})`,
    p.add(a.lane),
    p.add(a.overbookReason),
    `case when ${status} = 'held' then ${p.add(a.holdExpiresAt, 'timestamptz')} end`,
    p.add(a.rescheduledFrom),
    p.add(a.videoRoom),
  ];
  const history = [p.add(event.actorType), p.add(event.actorId), 'null', status];
  const reason = p.add(event.reasonCode);
  const sql = `with a as (
       insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
         patient_id, modality, status, starts_at, ends_at, during, lane, overbook_reason,
         hold_expires_at, rescheduled_from, video_room)
       values (${row.join(', ')})
       on conflict do nothing
       returning id, hold_expires_at, version, lane),
     e as (
       insert into appointment_events (appointment_id, actor_type, actor_id, from_status, to_status, reason_code)
       select id, ${history.join(', ')}, ${reason} from a)${audit ? `, ${audit(p)}` : ''}
     select id, hold_expires_at, version, lane from a`;
  const { rows } = await tx.query<{
    id: string;
    hold_expires_at: Date | null;
    version: number;
    lane: number;
  }>(
    sql,
    p.values,
    // The booking's hot path: prepared once per connection, each variant under its own name.
    { name: audit ? 'booking-insert-audited' : 'booking-insert' },
  );
  return rows[0];
}

/** Takes the resources for an appointment; returns how many it got (fewer: one was taken). */
export async function insertResources(
  tx: Queryable,
  appointmentId: string,
  resourceIds: string[],
  during: [Date, Date],
) {
  if (resourceIds.length === 0) return 0;
  const { rowCount } = await tx.query(
    `insert into appointment_resources (appointment_id, resource_id, during)
     select $1, r, tstzrange($3::timestamptz, $4::timestamptz) from unnest($2::uuid[]) as r
     on conflict do nothing`,
    [appointmentId, resourceIds, during[0], during[1]],
  );
  return rowCount;
}

/**
 * One appointment of the organization, or of this patient only when `patientId` is given: the
 * per-record access check is part of the query, so "not yours" and "not there" look the same.
 */
/**
 * Whom an appointment read is for: a patient's own (`patientId`), or a workforce account's scope
 * (its locations, a clinician's own provider). Outside it, the appointment reads as missing.
 */
export interface Reach {
  patientId?: string | undefined;
  scope?: StaffScope | undefined;
}

export async function findAppointment(
  db: Queryable,
  organizationId: string,
  id: string,
  reach: Reach = {},
  forUpdate = false,
) {
  const { rows } = await db.query<AppointmentRow>(
    `select ${columns}, ${withResources} from appointments a
      where a.organization_id = $1 and a.id = $2 and ($3::uuid is null or a.patient_id = $3::uuid)
        and ($4::uuid[] is null or a.location_id = any($4::uuid[]))
        and ($5::uuid[] is null or a.provider_id = any($5::uuid[]))
      ${forUpdate ? 'for update of a' : ''}`,
    [
      organizationId,
      id,
      reach.patientId ?? null,
      reach.scope?.locationIds ?? null,
      reach.scope?.providerIds ?? null,
    ],
  );
  return rows[0];
}

/**
 * Whether a patient is within an account's locations: the patient has an appointment (any status)
 * at one of them, or none at all yet (a new patient is any desk's to book).
 */
export async function patientAtLocations(
  db: Queryable,
  organizationId: string,
  patientId: string,
  locationIds: readonly string[],
): Promise<boolean> {
  const { rows } = await db.query<{ reaches: boolean }>(
    `select not exists (select 1 from appointments
                         where organization_id = $1 and patient_id = $2)
         or exists (select 1 from appointments
                     where organization_id = $1 and patient_id = $2
                       and location_id = any($3::uuid[])) as reaches`,
    [organizationId, patientId, locationIds],
  );
  return rows[0]?.reaches === true;
}

export async function setStatus(
  tx: Queryable,
  id: string,
  status: Status,
  fields: { cancelReason?: string; cancelledBy?: string } = {},
) {
  await tx.query(
    `update appointments set status = $2, cancel_reason = coalesce($3, cancel_reason),
       cancelled_by = coalesce($4, cancelled_by), hold_expires_at = case when $2 = 'held' then hold_expires_at end,
       updated_at = now(), version = version + 1
     where id = $1`,
    [id, status, fields.cancelReason ?? null, fields.cancelledBy ?? null],
  );
}

export async function insertEvent(
  tx: Queryable,
  e: {
    appointmentId: string;
    actorType: string;
    actorId: string | null;
    from: Status | null;
    to: Status;
    reasonCode?: string | null;
    overrideReason?: string | null;
  },
) {
  await tx.query(
    `insert into appointment_events (appointment_id, actor_type, actor_id, from_status, to_status,
       reason_code, override_reason) values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.appointmentId,
      e.actorType,
      e.actorId,
      e.from,
      e.to,
      e.reasonCode ?? null,
      e.overrideReason ?? null,
    ],
  );
}

export async function listEvents(db: Queryable, appointmentId: string) {
  const { rows } = await db.query<{
    from_status: Status | null;
    to_status: Status;
    reason_code: string | null;
    override_reason: string | null;
    actor_id: string | null;
  }>(
    `select from_status, to_status, reason_code, override_reason, actor_id
       from appointment_events where appointment_id = $1 order by id`,
    [appointmentId],
  );
  return rows;
}

/** Whether the patient has had a visit here (optionally of a type, since a time). */
export async function hadVisit(
  db: Queryable,
  organizationId: string,
  patientId: string,
  opts: { typeId?: string; since?: Date; before: Date; statuses: Status[] },
) {
  const { rows } = await db.query(
    `select 1 from appointments
      where organization_id = $1 and patient_id = $2 and status = any($3::text[])
        and ($4::uuid is null or appointment_type_id = $4::uuid)
        and ($5::timestamptz is null or starts_at >= $5::timestamptz) and starts_at < $6
      limit 1`,
    [
      organizationId,
      patientId,
      opts.statuses,
      opts.typeId ?? null,
      opts.since ?? null,
      opts.before,
    ],
  );
  return rows.length > 0;
}

/**
 * The patient's live hold (unexpired at `now`) on this provider's schedule overlapping
 * [start, end), if any: a request for a time the caller already holds is told so.
 */
export async function findLiveHold(
  db: Queryable,
  q: {
    organizationId: string;
    patientId: string;
    providerId: string;
    start: Date;
    end: Date;
    now: Date;
  },
) {
  const { rows } = await db.query<{ id: string; starts_at: Date; hold_expires_at: Date }>(
    `select id, starts_at, hold_expires_at from appointments
      where organization_id = $1 and patient_id = $2 and provider_id = $3 and status = 'held'
        and hold_expires_at > $6 and starts_at < $5 and ends_at > $4
      order by starts_at limit 1`,
    [q.organizationId, q.patientId, q.providerId, q.start, q.end, q.now],
  );
  return rows[0];
}

/** Whether the patient has a booked, current or past visit on this provider's schedule. */
export async function providerHasVisitWith(
  db: Queryable,
  organizationId: string,
  providerId: string,
  patientId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from appointments
      where organization_id = $1 and provider_id = $2 and patient_id = $3
        and ${statusIn(visitStatuses)}
      limit 1`,
    [organizationId, providerId, patientId],
  );
  return rows.length > 0;
}
