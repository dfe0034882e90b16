import type { Queryable } from '../../platform/db/db.ts';
import type { Location, OrganizationSummary } from './directory.schema.ts';

interface OrganizationRow {
  id: string;
  slug: string;
  name: string;
  is_demo: boolean;
}

interface LocationRow {
  id: string;
  name: string;
  time_zone: string;
  address_line: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  phone: string;
  in_person: boolean;
  telehealth: boolean;
}

export async function listOrganizations(db: Queryable): Promise<OrganizationSummary[]> {
  const { rows } = await db.query<OrganizationRow>(
    'select id, slug, name, is_demo from organizations order by name',
  );
  return rows.map((r) => ({ slug: r.slug, name: r.name, isDemo: r.is_demo }));
}

export async function findOrganizationBySlug(db: Queryable, slug: string) {
  const { rows } = await db.query<OrganizationRow>(
    'select id, slug, name, is_demo from organizations where slug = $1',
    [slug],
  );
  return rows[0];
}

/** An organization's id and its setup version (0 before its first setup change), in one read. */
export async function findOrganizationSetupVersion(db: Queryable, slug: string) {
  const { rows } = await db.query<{ id: string; version: string }>(
    `select o.id, coalesce(v.version, 0)::text as version
       from organizations o left join setup_versions v on v.organization_id = o.id
      where o.slug = $1`,
    [slug],
  );
  return rows[0];
}

export async function findLocationZone(db: Queryable, organizationId: string, id: string) {
  const { rows } = await db.query<{ time_zone: string }>(
    'select time_zone from locations where organization_id = $1 and id = $2',
    [organizationId, id],
  );
  return rows[0]?.time_zone;
}

export async function listLocations(db: Queryable, organizationId: string): Promise<Location[]> {
  const { rows } = await db.query<LocationRow>(
    `select id, name, time_zone, address_line, city, region, postal_code, country, phone,
            in_person, telehealth
       from locations where organization_id = $1 order by name`,
    [organizationId],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    address: {
      line: r.address_line,
      city: r.city,
      region: r.region,
      postalCode: r.postal_code,
      country: r.country,
    },
    phone: r.phone,
    inPerson: r.in_person,
    telehealth: r.telehealth,
  }));
}

export interface NewLocation {
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
}

export async function insertOrganization(
  db: Queryable,
  org: { slug: string; name: string; isDemo: boolean },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into organizations (slug, name, is_demo) values ($1, $2, $3) returning id',
    [org.slug, org.name, org.isDemo],
  );
  return rows[0]!.id;
}

export async function insertLocation(
  db: Queryable,
  organizationId: string,
  l: NewLocation,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into locations (organization_id, name, time_zone, address_line, city, region,
       postal_code, country, phone, in_person, telehealth)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      organizationId,
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
  return rows[0]!.id;
}

/** An organization's name by id ('' when there is none). */
export async function findOrganizationName(db: Queryable, organizationId: string): Promise<string> {
  const { rows } = await db.query<{ name: string }>(
    'select name from organizations where id = $1',
    [organizationId],
  );
  return rows[0]?.name ?? '';
}

/** A provider with a name only (the demo clinic's clinician). */
export async function insertBareProvider(
  db: Queryable,
  organizationId: string,
  displayName: string,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into providers (organization_id, display_name) values ($1, $2) returning id::text',
    [organizationId, displayName],
  );
  return rows[0]!.id;
}
