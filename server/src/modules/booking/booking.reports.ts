import type { Queryable } from '../../platform/db/db.ts';
import { statusIn, visitStatuses } from './booking.statuses.ts';

/**
 * Aggregates of appointments for the managers' reports (modules/reports): counts, minutes and
 * percentiles by provider, location and appointment type ids, never a patient, an appointment id
 * or a single appointment's time. An appointment belongs to the range by the local date of its
 * start in its location's zone. Booking reads only its own tables here: the caller brings the
 * locations (ids and zones, from the directory) and names the ids itself.
 */
export interface ReportRange {
  organizationId: string;
  /** Local dates, inclusive. */
  from: string;
  to: string;
  /** The locations covered, with their zones: appointments elsewhere are not counted. */
  locations: readonly { id: string; timeZone: string }[];
}

/** Statuses of an appointment that was booked and still holds its time: a visit. */
const visit = statusIn(visitStatuses, 'a.status');

// The range by local start date; the UTC bounds (a day either side) let an index narrow it first.
const inRange = `a.organization_id = $1
  and a.starts_at >= ($2::date - 1)::timestamp at time zone 'UTC'
  and a.starts_at < ($3::date + 2)::timestamp at time zone 'UTC'
  and (a.starts_at at time zone l.time_zone)::date between $2::date and $3::date`;

// The covered locations and their zones arrive as parameters (the directory owns locations).
const fromAppointments = `from appointments a
  join unnest($4::uuid[], $5::text[]) as l(id, time_zone) on l.id = a.location_id`;

const params = (q: ReportRange) => [
  q.organizationId,
  q.from,
  q.to,
  q.locations.map((l) => l.id),
  q.locations.map((l) => l.timeZone),
];

export interface BookedMinutes {
  providerId: string;
  locationId: string;
  minutes: number;
}

/** Booked visit minutes (start to end, without buffers) per provider and location. */
export async function bookedMinutes(db: Queryable, q: ReportRange): Promise<BookedMinutes[]> {
  const { rows } = await db.query<{ provider_id: string; location_id: string; minutes: string }>(
    `select a.provider_id::text, a.location_id::text,
            sum(extract(epoch from a.ends_at - a.starts_at) / 60)::bigint as minutes
       ${fromAppointments}
      where ${inRange} and ${visit}
      group by a.provider_id, a.location_id`,
    params(q),
  );
  return rows.map((r) => ({
    providerId: r.provider_id,
    locationId: r.location_id,
    minutes: Number(r.minutes),
  }));
}

/** Lead time buckets in days: [0, 1), [1, 2), [2, 7), [7, 14), [14, 30), [30, 60), [60, ∞). */
export const leadTimeBucketDays = [0, 1, 2, 7, 14, 30, 60] as const;

export interface LeadTimeAggregate {
  /** Null for the row over every type. */
  appointmentTypeId: string | null;
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
    visits: string;
    median: number | null;
    p90: number | null;
    buckets: string[];
  }>(
    `with v as (
       select a.appointment_type_id,
              greatest(0, extract(epoch from a.starts_at - coalesce(
                (select min(e.occurred_at) from appointment_events e
                  where e.appointment_id = a.id and e.to_status = 'booked'),
                a.created_at)) / 60) as lead
         ${fromAppointments}
        where ${inRange} and ${visit})
     select appointment_type_id::text as type_id, count(*) as visits,
            percentile_cont(0.5) within group (order by lead) as median,
            percentile_cont(0.9) within group (order by lead) as p90,
            array[${buckets}] as buckets
       from v
      group by grouping sets ((appointment_type_id), ())
      order by appointment_type_id is not null, appointment_type_id`,
    params(q),
  );
  // Without any visit the grand total is still there: zero visits, no median.
  return rows.map((r) => ({
    appointmentTypeId: r.type_id,
    visits: Number(r.visits),
    medianMinutes: r.median === null ? null : Math.round(Number(r.median)),
    p90Minutes: r.p90 === null ? null : Math.round(Number(r.p90)),
    buckets: r.buckets.map(Number),
  }));
}

export interface OutcomeAggregate {
  /** Null for the row over every type. */
  appointmentTypeId: string | null;
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
    booked: string;
    attended: string;
    no_shows: string;
    cancelled: string;
    rescheduled: string;
    pending: string;
  }>(
    `select a.appointment_type_id::text as type_id,
            count(*) filter (where not (${moved})) as booked,
            count(*) filter (where a.status in ('checked_in', 'completed')) as attended,
            count(*) filter (where a.status = 'no_show') as no_shows,
            count(*) filter (where a.status = 'cancelled' and not (${moved})) as cancelled,
            count(*) filter (where ${moved}) as rescheduled,
            count(*) filter (where a.status = 'booked') as pending
       ${fromAppointments}
      where ${inRange}
        and exists (select 1 from appointment_events e
                     where e.appointment_id = a.id and e.to_status = 'booked')
      group by grouping sets ((a.appointment_type_id), ())
      order by a.appointment_type_id is not null, a.appointment_type_id`,
    params(q),
  );
  return rows.map((r) => ({
    appointmentTypeId: r.type_id,
    booked: Number(r.booked),
    attended: Number(r.attended),
    noShows: Number(r.no_shows),
    cancelled: Number(r.cancelled),
    rescheduled: Number(r.rescheduled),
    pending: Number(r.pending),
  }));
}
