import type { Queryable } from '../../platform/db/db.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import { isTimeZone, type Organization, type OrganizationSummary } from './directory.schema.ts';
import * as store from './directory.store.ts';

export function listOrganizations(db: Queryable): Promise<OrganizationSummary[]> {
  return store.listOrganizations(db);
}

export async function getOrganization(db: Queryable, slug: string): Promise<Organization> {
  const org = await store.findOrganizationBySlug(db, slug);
  if (!org) throw new NotFound('No organization with that address.');
  return {
    slug: org.slug,
    name: org.name,
    isDemo: org.is_demo,
    locations: await store.listLocations(db, org.id),
  };
}

export async function createOrganization(
  tx: Queryable,
  org: { slug: string; name: string; isDemo: boolean; locations: store.NewLocation[] },
): Promise<string> {
  const bad = org.locations.findIndex((l) => !isTimeZone(l.timeZone));
  if (bad !== -1) {
    throw new Invalid('Use an IANA time zone name such as America/New_York.', [
      { pointer: `/locations/${bad}/timeZone`, detail: 'not a known IANA time zone' },
    ]);
  }
  const id = await store.insertOrganization(tx, org);
  for (const location of org.locations) await store.insertLocation(tx, id, location);
  return id;
}

/** The id of an organization by its public address; NotFound when there is none. */
export async function organizationIdBySlug(db: Queryable, slug: string): Promise<string> {
  const org = await store.findOrganizationBySlug(db, slug);
  if (!org) throw new NotFound('No organization with that address.');
  return org.id;
}

/**
 * An organization by its public address with its setup version: a counter every change to its
 * locations, providers, rooms, types, scope, hours, overrides, time off or holidays bumps in the
 * change's transaction (migration 0125's triggers). Answers computed from the setup are fresh
 * while it holds. NotFound when there is no such organization.
 */
export async function organizationSetupVersion(
  db: Queryable,
  slug: string,
): Promise<{ organizationId: string; setupVersion: string }> {
  const org = await store.findOrganizationSetupVersion(db, slug);
  if (!org) throw new NotFound('No organization with that address.');
  return { organizationId: org.id, setupVersion: org.version };
}

/** The IANA zone of one of the organization's locations; NotFound when it has no such location. */
export async function locationZone(db: Queryable, orgId: string, locationId: string) {
  const zone = await store.findLocationZone(db, orgId, locationId);
  if (!zone) throw new NotFound();
  return zone;
}

/** For other modules (identity's sign-in and registration, the demo seed): a clinic by slug. */
export function findOrganizationBySlug(db: Queryable, slug: string) {
  return store.findOrganizationBySlug(db, slug);
}

/** For other modules (the demo seed): the organization's locations. */
export function listLocations(db: Queryable, organizationId: string) {
  return store.listLocations(db, organizationId);
}

/** For other modules (identity's mail and password rules): the clinic's name. */
export function organizationName(db: Queryable, organizationId: string): Promise<string> {
  return store.findOrganizationName(db, organizationId);
}

/** For the demo accounts (identity): a provider with a name only, in the caller's transaction. */
export function addBareProvider(q: Queryable, organizationId: string, displayName: string) {
  return store.insertBareProvider(q, organizationId, displayName);
}
