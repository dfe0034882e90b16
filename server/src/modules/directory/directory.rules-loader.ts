import type { Queryable } from '../../platform/db/db.ts';
import { Params } from '../../platform/db/params.ts';
import {
  toAppointmentType,
  typeColumns,
  type AppointmentType,
  type TypeRow,
} from './directory.types-store.ts';

/**
 * Reads the working-time rules an availability query needs, and nothing else: the type's scope
 * narrowed to the asked providers and locations, and only rules, overrides, time off and holidays
 * that touch the asked dates.
 */

export interface ScheduleRules {
  /** The appointment type (its scope is not loaded: the candidates are the scope asked for). */
  type: AppointmentType | null;
  candidates: {
    providerId: string;
    providerName: string;
    locationId: string;
    timeZone: string;
    inPerson: boolean;
    telehealth: boolean;
    weekly: {
      weekday: number;
      startTime: string;
      endTime: string;
      effectiveFrom: string | null;
      effectiveTo: string | null;
    }[];
    overrides: { date: string; startTime: string | null; endTime: string | null }[];
    timeOff: { start: number; end: number }[];
  }[];
  holidays: string[];
  resources: { id: string; name: string; kind: string; locationId: string }[];
}

/**
 * SQL for the arguments `'weekly', …, 'overrides', …, 'timeOff', …` of a json_build_object: one
 * provider's rules at one location (SQL expressions), those touching the local dates
 * `fromDate`..`toDate` and the instants of `during`. Organization `$1`.
 */
export function workingRulesSql(p: {
  provider: string;
  location: string;
  fromDate: string;
  toDate: string;
  during: string;
}): string {
  return `'weekly', (select coalesce(json_agg(json_build_object(
                'weekday', w.weekday, 'startTime', to_char(w.start_time, 'HH24:MI'),
                'endTime', to_char(w.end_time, 'HH24:MI'),
                'effectiveFrom', to_char(w.effective_from, 'YYYY-MM-DD'),
                'effectiveTo', to_char(w.effective_to, 'YYYY-MM-DD'))), '[]')
              from working_hours w
             where w.organization_id = $1 and w.provider_id = ${p.provider}
               and w.location_id = ${p.location}
               and (w.effective_from is null or w.effective_from <= ${p.toDate})
               and (w.effective_to is null or w.effective_to >= ${p.fromDate})),
          'overrides', (select coalesce(json_agg(json_build_object(
                'date', to_char(o.on_date, 'YYYY-MM-DD'),
                'startTime', to_char(o.start_time, 'HH24:MI'),
                'endTime', to_char(o.end_time, 'HH24:MI'))), '[]')
              from date_overrides o
             where o.organization_id = $1 and o.provider_id = ${p.provider}
               and o.location_id = ${p.location} and o.on_date between ${p.fromDate} and ${p.toDate}),
          'timeOff', (select coalesce(json_agg(json_build_object(
                'start', extract(epoch from lower(t.during)) * 1000,
                'end', extract(epoch from upper(t.during)) * 1000)), '[]')
              from time_off t
             where t.organization_id = $1 and t.provider_id = ${p.provider}
               and t.during && ${p.during})`;
}

/**
 * One statement: a round trip per query whatever the number of candidates, and every subquery
 * an indexed look-up by provider (and location) narrowed to the window's dates.
 * `resourceKinds: null` reads resources of every kind at the candidates' locations.
 */
export async function loadScheduleRules(
  db: Queryable,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    from: Date;
    to: Date;
    resourceKinds: readonly string[] | null;
  },
  /**
   * One more value read in the same statement (returned as `also`): SQL for a json value given
   * SQL for the scope's providers and locations and the window's bounds, adding its own
   * parameters to `params`. `key` names the SQL (prepared statements are named by it).
   */
  also?: {
    key: string;
    sql: (
      scope: { providers: string; locations: string; from: string; to: string },
      params: Params,
    ) => string;
  },
): Promise<ScheduleRules & { also: unknown }> {
  // Local dates of the window in any zone lie within a day either side of its UTC dates.
  const fromDate = new Date(q.from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const toDate = new Date(q.to.getTime() + 86_400_000).toISOString().slice(0, 10);
  // One provider at one location (a booking's check): scalar parameters, so the prepared
  // statement's generic plan is estimated for one candidate and PostgreSQL keeps it instead of
  // planning again on every run (with arrays it guesses ten candidates and re-plans each time).
  const one = q.providerIds?.length === 1 && q.locationIds?.length === 1;
  const narrow = one
    ? 's.provider_id = $3::uuid and s.location_id = $4::uuid'
    : `($3::uuid[] is null or s.provider_id = any($3::uuid[]))
          and ($4::uuid[] is null or s.location_id = any($4::uuid[]))`;
  const params = new Params([
    q.organizationId,
    q.appointmentTypeId,
    one ? q.providerIds![0] : (q.providerIds ?? null),
    one ? q.locationIds![0] : (q.locationIds ?? null),
    fromDate,
    toDate,
    q.from,
    q.to,
    q.resourceKinds,
  ]);
  const alsoSql = also
    ? `, ${also.sql(
        {
          providers: 'select distinct provider_id from scope',
          locations: 'select location_id from scope',
          from: '$7::timestamptz',
          to: '$8::timestamptz',
        },
        params,
      )} as also`
    : '';
  const { rows } = await db.query<
    Omit<ScheduleRules, 'type'> & { type: TypeRow | null; also: unknown }
  >(
    `with scope as (
       select s.provider_id, p.display_name, s.location_id, l.time_zone, l.in_person, l.telehealth
         from appointment_type_scope s
         join providers p on p.id = s.provider_id and p.organization_id = s.organization_id
         join locations l on l.id = s.location_id and l.organization_id = s.organization_id
        where s.organization_id = $1 and s.appointment_type_id = $2 and p.active
          and ${narrow})
     select
       (select row_to_json(x) from (
          select t.id, ${typeColumns}, null::json as scope from appointment_types t
           where t.organization_id = $1 and t.id = $2 and t.active) x) as type,
       (select coalesce(json_agg(json_build_object(
          'providerId', sc.provider_id, 'providerName', sc.display_name,
          'locationId', sc.location_id, 'timeZone', sc.time_zone,
          'inPerson', sc.in_person, 'telehealth', sc.telehealth,
          ${workingRulesSql({
            provider: 'sc.provider_id',
            location: 'sc.location_id',
            fromDate: '$5::date',
            toDate: '$6::date',
            during: 'tstzrange($7::timestamptz, $8::timestamptz)',
          })}
        ) order by sc.provider_id, sc.location_id), '[]') from scope sc) as candidates,
       (select coalesce(json_agg(to_char(h.on_date, 'YYYY-MM-DD')), '[]') from holidays h
         where h.organization_id = $1 and h.on_date between $5::date and $6::date) as holidays,
       (select coalesce(json_agg(json_build_object(
          'id', r.id, 'name', r.name, 'kind', r.kind, 'locationId', r.location_id)), '[]')
          from resources r
         where r.organization_id = $1 and r.location_id in (select location_id from scope)
           and ($9::text[] is null or r.kind = any($9::text[]))) as resources${alsoSql}`,
    params.values,
    // Named providers (a booking's check, one provider's calendar): prepared once per connection,
    // as planning this statement cost more than running it. Open-ended queries keep custom plans.
    one || q.providerIds
      ? {
          name: `directory.schedule-rules.${one ? 'one-candidate' : 'named-providers'}${also ? `+${also.key}` : ''}`,
        }
      : {},
  );
  const r = rows[0]!;
  for (const c of r.candidates) {
    for (const t of c.timeOff) {
      t.start = Number(t.start);
      t.end = Number(t.end);
    }
  }
  return { ...r, type: r.type ? toAppointmentType(r.type) : null, also: r.also ?? null };
}
