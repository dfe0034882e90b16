import type { Queryable } from '../../platform/db/db.ts';
import { workingRulesSql, type ScheduleRules } from './directory.rules-loader.ts';

type Rules = ScheduleRules['candidates'][number];

/**
 * Every provider's working-time rules at each location over a range of local dates, whatever the
 * appointment type: what a utilization report divides booked time by. The rules are the ones the
 * availability engine reads (weekly hours, date overrides, time off, holidays); turning them into
 * minutes is the engine's `dayPlan`. Directory data only: no patient, no appointment.
 */
export interface WorkingTime {
  /** The organization's locations (those asked for), with their zones. */
  locations: { id: string; name: string; timeZone: string }[];
  /** Each provider at each location where they have weekly hours or overrides in the range. */
  schedules: {
    providerId: string;
    providerName: string;
    locationId: string;
    weekly: Rules['weekly'];
    overrides: Rules['overrides'];
    /** Time off of the provider (at every location) touching the range, as epoch milliseconds. */
    timeOff: Rules['timeOff'];
  }[];
  /** Organization holidays in the range (local dates, closed at every location). */
  holidays: string[];
}

/** One statement: the rules of every provider and location for the local dates `from`..`to`. */
export async function loadWorkingTime(
  db: Queryable,
  q: { organizationId: string; from: string; to: string; locationIds: string[] | null },
): Promise<WorkingTime> {
  const { rows } = await db.query<WorkingTime>(
    `with locs as (
       select id, name, time_zone from locations
        where organization_id = $1 and ($4::uuid[] is null or id = any($4::uuid[]))),
     pairs as (
       select w.provider_id, w.location_id from working_hours w
        where w.organization_id = $1 and w.location_id in (select id from locs)
          and (w.effective_from is null or w.effective_from <= $3::date)
          and (w.effective_to is null or w.effective_to >= $2::date)
       union
       select o.provider_id, o.location_id from date_overrides o
        where o.organization_id = $1 and o.location_id in (select id from locs)
          and o.on_date between $2::date and $3::date and o.start_time is not null)
     select
       (select coalesce(json_agg(json_build_object(
          'id', l.id, 'name', l.name, 'timeZone', l.time_zone) order by l.name, l.id), '[]')
          from locs l) as locations,
       (select coalesce(json_agg(json_build_object(
          'providerId', pr.id, 'providerName', pr.display_name, 'locationId', pa.location_id,
          ${workingRulesSql({
            provider: 'pa.provider_id',
            location: 'pa.location_id',
            fromDate: '$2::date',
            toDate: '$3::date',
            during: `tstzrange(($2::date - 1)::timestamp at time zone 'UTC',
                               ($3::date + 2)::timestamp at time zone 'UTC')`,
          })}
        ) order by pr.display_name, pr.id, pa.location_id), '[]')
          from pairs pa
          join providers pr on pr.organization_id = $1 and pr.id = pa.provider_id) as schedules,
       (select coalesce(json_agg(to_char(h.on_date, 'YYYY-MM-DD') order by h.on_date), '[]')
          from holidays h
         where h.organization_id = $1 and h.on_date between $2::date and $3::date) as holidays`,
    [q.organizationId, q.from, q.to, q.locationIds],
  );
  const r = rows[0]!;
  for (const s of r.schedules) {
    for (const t of s.timeOff) {
      t.start = Number(t.start);
      t.end = Number(t.end);
    }
  }
  return r;
}
