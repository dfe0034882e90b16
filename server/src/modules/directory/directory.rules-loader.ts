import type { Queryable } from '../../platform/db/db.ts';

/**
 * Reads the working-time rules an availability query needs, and nothing else: the type's scope
 * narrowed to the asked providers and locations, and only rules, overrides, time off and holidays
 * that touch the asked dates.
 */

export interface ScheduleRules {
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

export async function loadScheduleRules(
  db: Queryable,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    from: Date;
    to: Date;
    resourceKinds: readonly string[];
  },
): Promise<ScheduleRules> {
  // Local dates of the window in any zone lie within a day either side of its UTC dates.
  const fromDate = new Date(q.from.getTime() - 86_400_000).toISOString().slice(0, 10);
  const toDate = new Date(q.to.getTime() + 86_400_000).toISOString().slice(0, 10);
  const { rows: scope } = await db.query<{
    provider_id: string;
    display_name: string;
    location_id: string;
    time_zone: string;
    in_person: boolean;
    telehealth: boolean;
  }>(
    `select s.provider_id, p.display_name, s.location_id, l.time_zone, l.in_person, l.telehealth
       from appointment_type_scope s
       join providers p on p.id = s.provider_id and p.organization_id = s.organization_id
       join locations l on l.id = s.location_id and l.organization_id = s.organization_id
      where s.organization_id = $1 and s.appointment_type_id = $2 and p.active
        and ($3::uuid[] is null or s.provider_id = any($3::uuid[]))
        and ($4::uuid[] is null or s.location_id = any($4::uuid[]))
      order by s.provider_id, s.location_id`,
    [q.organizationId, q.appointmentTypeId, q.providerIds ?? null, q.locationIds ?? null],
  );
  if (scope.length === 0) return { candidates: [], holidays: [], resources: [] };
  const providerIds = [...new Set(scope.map((s) => s.provider_id))];
  const locationIds = [...new Set(scope.map((s) => s.location_id))];
  const [weekly, overrides, timeOff, holidays, resources] = await Promise.all([
    db.query<{
      provider_id: string;
      location_id: string;
      weekday: number;
      start_time: string;
      end_time: string;
      effective_from: string | null;
      effective_to: string | null;
    }>(
      `select w.provider_id, w.location_id, w.weekday, to_char(w.start_time, 'HH24:MI') as start_time,
              to_char(w.end_time, 'HH24:MI') as end_time,
              to_char(w.effective_from, 'YYYY-MM-DD') as effective_from,
              to_char(w.effective_to, 'YYYY-MM-DD') as effective_to
         from working_hours w join unnest($2::uuid[]) as p(id) on w.provider_id = p.id
        where w.organization_id = $1 and w.location_id = any($3::uuid[])
          and (w.effective_from is null or w.effective_from <= $5::date)
          and (w.effective_to is null or w.effective_to >= $4::date)`,
      [q.organizationId, providerIds, locationIds, fromDate, toDate],
    ),
    db.query<{
      provider_id: string;
      location_id: string;
      on_date: string;
      start_time: string | null;
      end_time: string | null;
    }>(
      `select o.provider_id, o.location_id, to_char(o.on_date, 'YYYY-MM-DD') as on_date,
              to_char(o.start_time, 'HH24:MI') as start_time, to_char(o.end_time, 'HH24:MI') as end_time
         from date_overrides o join unnest($2::uuid[]) as p(id) on o.provider_id = p.id
        where o.organization_id = $1 and o.on_date between $3::date and $4::date`,
      [q.organizationId, providerIds, fromDate, toDate],
    ),
    db.query<{ provider_id: string; s: Date; e: Date }>(
      `select t.provider_id, lower(t.during) as s, upper(t.during) as e
         from time_off t join unnest($2::uuid[]) as p(id) on t.provider_id = p.id
        where t.organization_id = $1 and t.during && tstzrange($3::timestamptz, $4::timestamptz)`,
      [q.organizationId, providerIds, q.from, q.to],
    ),
    db.query<{ on_date: string }>(
      `select to_char(on_date, 'YYYY-MM-DD') as on_date from holidays
        where organization_id = $1 and on_date between $2::date and $3::date`,
      [q.organizationId, fromDate, toDate],
    ),
    q.resourceKinds.length === 0
      ? Promise.resolve({
          rows: [] as { id: string; name: string; kind: string; location_id: string }[],
        })
      : db.query<{ id: string; name: string; kind: string; location_id: string }>(
          `select id, name, kind, location_id from resources
            where organization_id = $1 and location_id = any($2::uuid[]) and kind = any($3::text[])`,
          [q.organizationId, locationIds, q.resourceKinds],
        ),
  ]);
  return {
    candidates: scope.map((s) => ({
      providerId: s.provider_id,
      providerName: s.display_name,
      locationId: s.location_id,
      timeZone: s.time_zone,
      inPerson: s.in_person,
      telehealth: s.telehealth,
      weekly: weekly.rows
        .filter((w) => w.provider_id === s.provider_id && w.location_id === s.location_id)
        .map((w) => ({
          weekday: w.weekday,
          startTime: w.start_time,
          endTime: w.end_time,
          effectiveFrom: w.effective_from,
          effectiveTo: w.effective_to,
        })),
      overrides: overrides.rows
        .filter((o) => o.provider_id === s.provider_id && o.location_id === s.location_id)
        .map((o) => ({ date: o.on_date, startTime: o.start_time, endTime: o.end_time })),
      timeOff: timeOff.rows
        .filter((t) => t.provider_id === s.provider_id)
        .map((t) => ({ start: t.s.getTime(), end: t.e.getTime() })),
    })),
    holidays: holidays.rows.map((h) => h.on_date),
    resources: resources.rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      locationId: r.location_id,
    })),
  };
}
