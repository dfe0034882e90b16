import type { Queryable } from '../../platform/db/db.ts';
import { statusIn, visitStatuses } from './booking.statuses.ts';

/**
 * Aggregates of appointments for the managers' reports (modules/reports): counts, minutes and
 * percentiles by provider, location and appointment type, never a patient, an appointment id or
 * a single appointment's time. An appointment belongs to the range by the local date of its start
 * in its location's zone.
 */
export interface ReportRange {
  organizationId: string;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  /** Only these locations; null for every location. */
  locationIds: string[] | null;
}

/** Statuses of an appointment that was booked and still holds its time: a visit. */
const visit = statusIn(visitStatuses, 'a.status');

// The range by local start date; the UTC bounds (a day either side) let an index narrow it first.
const inRange = `a.organization_id = $1
  and ($4::uuid[] is null or a.location_id = any($4::uuid[]))
  and a.starts_at >= ($2::date - 1)::timestamp at time zone 'UTC'
  and a.starts_at < ($3::date + 2)::timestamp at time zone 'UTC'
  and (a.starts_at at time zone l.time_zone)::date between $2::date and $3::date`;

const fromAppointments = `from appointments a
  join locations l on l.organization_id = a.organization_id and l.id = a.location_id`;

const params = (q: ReportRange) => [q.organizationId, q.from, q.to, q.locationIds];

/** Booked visit minutes (start to end, without buffers) per provider and location. */
export async function bookedMinutes(db: Queryable, q: ReportRange) {
  const { rows } = await db.query<{
    provider_id: string;
    provider_name: string;
    location_id: string;
    location_name: string;
    minutes: string;
  }>(
    `select a.provider_id::text, p.display_name as provider_name,
            a.location_id::text, l.name as location_name,
            sum(extract(epoch from a.ends_at - a.starts_at) / 60)::bigint as minutes
       ${fromAppointments}
       join providers p on p.organization_id = a.organization_id and p.id = a.provider_id
      where ${inRange} and ${visit}
      group by a.provider_id, p.display_name, a.location_id, l.name`,
    params(q),
  );
  return rows.map((r) => ({
    providerId: r.provider_id,
    providerName: r.provider_name,
    locationId: r.location_id,
    locationName: r.location_name,
    minutes: Number(r.minutes),
  }));
}

/** Lead time buckets in days: [0, 1), [1, 2), [2, 7), [7, 14), [14, 30), [30, 60), [60, ∞). */
export const leadTimeBucketDays = [0, 1, 2, 7, 14, 30, 60] as const;

export interface LeadTimeAggregate {
  /** Null for the row over every type. */
  appointmentType: { id: string; name: string } | null;
  visits: number;
  /** Percentiles by linear interpolation (percentile_cont), rounded to the minute. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Visits per bucket of leadTimeBucketDays. */
  buckets: number[];
}

/**
 * Lead time of visits: from the moment the appointment was booked (its first change to `booked`;
 * a rescheduled visit counts from the reschedule) to its start. Per appointment type, and over all
 * (`appointmentType: null`, first).
 */
export async function leadTimes(db: Queryable, q: ReportRange): Promise<LeadTimeAggregate[]> {
  const minutes = leadTimeBucketDays.map((d) => d * 1440);
  const buckets = minutes
    .map((from, i) =>
      i + 1 < minutes.length
        ? `count(*) filter (where lead >= ${from} and lead < ${minutes[i + 1]})`
        : `count(*) filter (where lead >= ${from})`,
    )
    .join(', ');
  const { rows } = await db.query<{
    type_id: string | null;
    type_name: string | null;
    visits: string;
    median: number | null;
    p90: number | null;
    buckets: string[];
  }>(
    `with v as (
       select a.appointment_type_id, t.name as type_name,
              greatest(0, extract(epoch from a.starts_at - coalesce(
                (select min(e.occurred_at) from appointment_events e
                  where e.appointment_id = a.id and e.to_status = 'booked'),
                a.created_at)) / 60) as lead
         ${fromAppointments}
         join appointment_types t
           on t.organization_id = a.organization_id and t.id = a.appointment_type_id
        where ${inRange} and ${visit})
     select appointment_type_id::text as type_id, type_name, count(*) as visits,
            percentile_cont(0.5) within group (order by lead) as median,
            percentile_cont(0.9) within group (order by lead) as p90,
            array[${buckets}] as buckets
       from v
      group by grouping sets ((appointment_type_id, type_name), ())
      order by appointment_type_id is not null, type_name, appointment_type_id`,
    params(q),
  );
  // Without any visit the grand total is still there: zero visits, no median.
  return rows.map((r) => ({
    appointmentType: r.type_id === null ? null : { id: r.type_id, name: r.type_name! },
    visits: Number(r.visits),
    medianMinutes: r.median === null ? null : Math.round(Number(r.median)),
    p90Minutes: r.p90 === null ? null : Math.round(Number(r.p90)),
    buckets: r.buckets.map(Number),
  }));
}

export interface OutcomeAggregate {
  /** Null for the row over every type. */
  appointmentType: { id: string; name: string } | null;
  /** Appointments that were booked, less those moved to another time (counted there). */
  booked: number;
  /** Checked in or completed. */
  attended: number;
  noShows: number;
  /** Cancelled after booking, for any reason but a reschedule. */
  cancelled: number;
  /** Moved to another time (cancelled with reason `rescheduled`; not in `booked`). */
  rescheduled: number;
  /** Still booked: upcoming, or not yet checked in or marked. */
  pending: number;
}

/**
 * What became of booked appointments, per appointment type and over all (first). Holds that were
 * never booked (expired or cancelled as holds) are not appointments here.
 */
export async function outcomesByType(db: Queryable, q: ReportRange): Promise<OutcomeAggregate[]> {
  const moved = `a.status = 'cancelled' and a.cancel_reason = 'rescheduled'`;
  const { rows } = await db.query<{
    type_id: string | null;
    type_name: string | null;
    booked: string;
    attended: string;
    no_shows: string;
    cancelled: string;
    rescheduled: string;
    pending: string;
  }>(
    `select a.appointment_type_id::text as type_id, t.name as type_name,
            count(*) filter (where not (${moved})) as booked,
            count(*) filter (where a.status in ('checked_in', 'completed')) as attended,
            count(*) filter (where a.status = 'no_show') as no_shows,
            count(*) filter (where a.status = 'cancelled' and not (${moved})) as cancelled,
            count(*) filter (where ${moved}) as rescheduled,
            count(*) filter (where a.status = 'booked') as pending
       ${fromAppointments}
       join appointment_types t
         on t.organization_id = a.organization_id and t.id = a.appointment_type_id
      where ${inRange}
        and exists (select 1 from appointment_events e
                     where e.appointment_id = a.id and e.to_status = 'booked')
      group by grouping sets ((a.appointment_type_id, t.name), ())
      order by a.appointment_type_id is not null, t.name, a.appointment_type_id`,
    params(q),
  );
  return rows.map((r) => ({
    appointmentType: r.type_id === null ? null : { id: r.type_id, name: r.type_name! },
    booked: Number(r.booked),
    attended: Number(r.attended),
    noShows: Number(r.no_shows),
    cancelled: Number(r.cancelled),
    rescheduled: Number(r.rescheduled),
    pending: Number(r.pending),
  }));
}
