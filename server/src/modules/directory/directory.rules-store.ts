import type { Queryable } from '../../platform/db/db.ts';
import type {
  DateOverrideInput,
  HolidayInput,
  ProviderInput,
  ResourceInput,
  TimeOffInput,
  WorkingHoursInput,
} from './directory.rules-schema.ts';

/** The SQL of the scheduling directory's tables. Every statement is scoped by organization. */

export async function updateLocation(
  db: Queryable,
  orgId: string,
  id: string,
  l: {
    name: string;
    timeZone: string;
    addressLine: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
    phone: string;
    inPerson: boolean;
    telehealth: boolean;
  },
) {
  const { rowCount } = await db.query(
    `update locations set name = $3, time_zone = $4, address_line = $5, city = $6, region = $7,
       postal_code = $8, country = $9, phone = $10, in_person = $11, telehealth = $12
     where organization_id = $1 and id = $2`,
    [
      orgId,
      id,
      l.name,
      l.timeZone,
      l.addressLine,
      l.city,
      l.region,
      l.postalCode,
      l.country,
      l.phone,
      l.inPerson,
      l.telehealth,
    ],
  );
  return rowCount > 0;
}

export interface Provider {
  id: string;
  displayName: string;
  credentials: string;
  specialties: string[];
  languages: string[];
  acceptingNewPatients: boolean;
  bio: string;
  locationIds: string[];
}

export async function insertProvider(db: Queryable, orgId: string, p: ProviderInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into providers (organization_id, display_name, credentials, specialties, languages,
       accepting_new_patients, bio) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      orgId,
      p.displayName,
      p.credentials,
      p.specialties,
      p.languages,
      p.acceptingNewPatients,
      p.bio,
    ],
  );
  const id = rows[0]!.id;
  await setProviderLocations(db, orgId, id, p.locationIds);
  return id;
}

export async function updateProvider(db: Queryable, orgId: string, id: string, p: ProviderInput) {
  const { rowCount } = await db.query(
    `update providers set display_name = $3, credentials = $4, specialties = $5, languages = $6,
       accepting_new_patients = $7, bio = $8 where organization_id = $1 and id = $2`,
    [
      orgId,
      id,
      p.displayName,
      p.credentials,
      p.specialties,
      p.languages,
      p.acceptingNewPatients,
      p.bio,
    ],
  );
  if (rowCount === 0) return false;
  await db.query('delete from provider_locations where organization_id = $1 and provider_id = $2', [
    orgId,
    id,
  ]);
  await setProviderLocations(db, orgId, id, p.locationIds);
  return true;
}

async function setProviderLocations(db: Queryable, orgId: string, id: string, locs: string[]) {
  if (locs.length === 0) return;
  await db.query(
    `insert into provider_locations (organization_id, provider_id, location_id)
     select $1, $2, l from unnest($3::uuid[]) as l on conflict do nothing`,
    [orgId, id, locs],
  );
}

interface ProviderRow {
  id: string;
  display_name: string;
  credentials: string;
  specialties: string[];
  languages: string[];
  accepting_new_patients: boolean;
  bio: string;
  location_ids: string[];
}

export async function listProviders(db: Queryable, orgId: string, ids?: string[]) {
  const { rows } = await db.query<ProviderRow>(
    `select p.id, p.display_name, p.credentials, p.specialties, p.languages,
            p.accepting_new_patients, p.bio,
            coalesce(array_agg(pl.location_id order by pl.location_id)
                     filter (where pl.location_id is not null), '{}') as location_ids
       from providers p left join provider_locations pl on pl.provider_id = p.id
      where p.organization_id = $1 and p.active and ($2::uuid[] is null or p.id = any($2::uuid[]))
      group by p.id order by p.display_name, p.id`,
    [orgId, ids ?? null],
  );
  return rows.map((r): Provider => ({
    id: r.id,
    displayName: r.display_name,
    credentials: r.credentials,
    specialties: r.specialties,
    languages: r.languages,
    acceptingNewPatients: r.accepting_new_patients,
    bio: r.bio,
    locationIds: r.location_ids,
  }));
}

/** Which of these ids are locations of the organization. */
export async function existingLocations(db: Queryable, orgId: string, ids: string[]) {
  const { rows } = await db.query<{ id: string }>(
    'select id from locations where organization_id = $1 and id = any($2::uuid[])',
    [orgId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

export async function existingProviders(db: Queryable, orgId: string, ids: string[]) {
  const { rows } = await db.query<{ id: string }>(
    'select id from providers where organization_id = $1 and id = any($2::uuid[])',
    [orgId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

export interface Resource {
  id: string;
  locationId: string;
  name: string;
  kind: string;
}

export async function insertResource(db: Queryable, orgId: string, r: ResourceInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into resources (organization_id, location_id, name, kind) values ($1, $2, $3, $4)
     returning id`,
    [orgId, r.locationId, r.name, r.kind],
  );
  return rows[0]!.id;
}

export async function updateResource(db: Queryable, orgId: string, id: string, r: ResourceInput) {
  const { rowCount } = await db.query(
    `update resources set location_id = $3, name = $4, kind = $5
      where organization_id = $1 and id = $2`,
    [orgId, id, r.locationId, r.name, r.kind],
  );
  return rowCount > 0;
}

/** Removes a resource; the database refuses (23503) while any appointment's record names it. */
export async function deleteResource(db: Queryable, orgId: string, id: string) {
  const { rowCount } = await db.query(
    'delete from resources where organization_id = $1 and id = $2',
    [orgId, id],
  );
  return rowCount > 0;
}

export async function deleteHoliday(db: Queryable, orgId: string, date: string) {
  const { rowCount } = await db.query(
    'delete from holidays where organization_id = $1 and on_date = $2',
    [orgId, date],
  );
  return rowCount > 0;
}

export async function listResources(db: Queryable, orgId: string, locationIds?: string[]) {
  const { rows } = await db.query<{ id: string; location_id: string; name: string; kind: string }>(
    `select id, location_id, name, kind from resources
      where organization_id = $1 and ($2::uuid[] is null or location_id = any($2::uuid[]))
      order by name, id`,
    [orgId, locationIds ?? null],
  );
  return rows.map((r): Resource => ({
    id: r.id,
    locationId: r.location_id,
    name: r.name,
    kind: r.kind,
  }));
}

export async function insertWorkingHours(db: Queryable, orgId: string, w: WorkingHoursInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into working_hours (organization_id, provider_id, location_id, weekday, start_time,
       end_time, effective_from, effective_to) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [
      orgId,
      w.providerId,
      w.locationId,
      w.weekday,
      w.startTime,
      w.endTime,
      w.effectiveFrom,
      w.effectiveTo,
    ],
  );
  return rows[0]!.id;
}

export async function insertDateOverride(db: Queryable, orgId: string, o: DateOverrideInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into date_overrides (organization_id, provider_id, location_id, on_date, start_time, end_time)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [orgId, o.providerId, o.locationId, o.date, o.startTime, o.endTime],
  );
  return rows[0]!.id;
}

export async function insertTimeOff(db: Queryable, orgId: string, t: TimeOffInput) {
  const { rows } = await db.query<{ id: string }>(
    `insert into time_off (organization_id, provider_id, during, reason_code)
     values ($1, $2, tstzrange($3::timestamptz, $4::timestamptz), $5) returning id`,
    // As the check compared them (whole milliseconds): digits beyond would round in the database
    // and could make a range the check passed empty.
    [orgId, t.providerId, new Date(t.start), new Date(t.end), t.reasonCode],
  );
  return rows[0]!.id;
}

export async function upsertHoliday(db: Queryable, orgId: string, h: HolidayInput) {
  await db.query(
    `insert into holidays (organization_id, on_date, name) values ($1, $2, $3)
     on conflict (organization_id, on_date) do update set name = excluded.name`,
    [orgId, h.date, h.name],
  );
}

/** Removes one working-time rule (working hours, override, time off) of the organization. */
export async function deleteRule(
  db: Queryable,
  orgId: string,
  kind: 'working_hours' | 'date_overrides' | 'time_off',
  id: string,
) {
  const table = {
    working_hours: 'working_hours',
    date_overrides: 'date_overrides',
    time_off: 'time_off',
  }[kind];
  const { rowCount } = await db.query(
    `delete from ${table} where organization_id = $1 and id = $2`,
    [orgId, id],
  );
  return rowCount > 0;
}
