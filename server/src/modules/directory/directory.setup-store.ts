import type { Queryable } from '../../platform/db/db.ts';

/**
 * The working-time rules of an organization as a manager edits them: weekly hours, date
 * overrides and time off that have not ended, and holidays from a date on. Directory data only.
 */
export interface SetupRules {
  workingHours: {
    id: string;
    providerId: string;
    locationId: string;
    weekday: number;
    startTime: string;
    endTime: string;
    effectiveFrom: string | null;
    effectiveTo: string | null;
  }[];
  dateOverrides: {
    id: string;
    providerId: string;
    locationId: string;
    date: string;
    startTime: string | null;
    endTime: string | null;
  }[];
  timeOff: { id: string; providerId: string; start: string; end: string; reasonCode: string }[];
  holidays: { date: string; name: string }[];
}

/**
 * One statement. `today` is the earliest local date anywhere in the organization (yesterday in
 * UTC is early enough); `now` the instant time off must end after to still matter.
 */
export async function loadSetupRules(
  db: Queryable,
  q: { organizationId: string; today: string; now: Date },
): Promise<SetupRules> {
  const { rows } = await db.query<SetupRules>(
    `select
       (select coalesce(json_agg(json_build_object(
          'id', w.id, 'providerId', w.provider_id, 'locationId', w.location_id,
          'weekday', w.weekday, 'startTime', to_char(w.start_time, 'HH24:MI'),
          'endTime', to_char(w.end_time, 'HH24:MI'),
          'effectiveFrom', to_char(w.effective_from, 'YYYY-MM-DD'),
          'effectiveTo', to_char(w.effective_to, 'YYYY-MM-DD'))
          order by w.provider_id, w.location_id, w.weekday, w.start_time), '[]')
          from working_hours w
         where w.organization_id = $1
           and (w.effective_to is null or w.effective_to >= $2::date)) as "workingHours",
       (select coalesce(json_agg(json_build_object(
          'id', o.id, 'providerId', o.provider_id, 'locationId', o.location_id,
          'date', to_char(o.on_date, 'YYYY-MM-DD'),
          'startTime', to_char(o.start_time, 'HH24:MI'), 'endTime', to_char(o.end_time, 'HH24:MI'))
          order by o.on_date, o.start_time nulls first), '[]')
          from date_overrides o
         where o.organization_id = $1 and o.on_date >= $2::date) as "dateOverrides",
       (select coalesce(json_agg(json_build_object(
          'id', t.id, 'providerId', t.provider_id,
          'start', to_char(lower(t.during) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          'end', to_char(upper(t.during) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
          'reasonCode', t.reason_code) order by lower(t.during)), '[]')
          from time_off t
         where t.organization_id = $1 and upper(t.during) > $3::timestamptz) as "timeOff",
       (select coalesce(json_agg(json_build_object(
          'date', to_char(h.on_date, 'YYYY-MM-DD'), 'name', h.name) order by h.on_date), '[]')
          from holidays h
         where h.organization_id = $1 and h.on_date >= $2::date) as holidays`,
    [q.organizationId, q.today, q.now],
  );
  return rows[0]!;
}
