import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Conflict, DomainError, Invalid, NotFound } from '../../platform/http/errors.ts';
import { createAudit } from '../audit/audit.service.ts';
import { requireManager } from './directory.policy.ts';
import {
  appointmentTypeInput,
  dateOverrideInput,
  holidayInput,
  newLocationInput,
  parseInput,
  providerInput,
  resourceInput,
  timeOffInput,
  workingHoursInput,
} from './directory.rules-schema.ts';
import * as store from './directory.rules-store.ts';
import * as typesStore from './directory.types-store.ts';
import { insertLocation } from './directory.store.ts';

export type { Provider, Resource } from './directory.rules-store.ts';
export type { AppointmentType } from './directory.types-store.ts';

/**
 * Manager/admin commands on the scheduling directory: providers, resources, appointment types and
 * working time. Each checks the actor first, validates, then writes and audits in one transaction.
 */

async function command<T>(
  actor: Actor,
  db: Db,
  orgId: string,
  action: string,
  resourceType: string,
  fn: (tx: Queryable) => Promise<T>,
  idOf: (result: T) => string | null = (r) => (typeof r === 'string' ? r : null),
): Promise<T> {
  requireManager(actor, orgId);
  return db.transaction(async (tx) => {
    const result = await fn(tx);
    await createAudit(tx).record(
      {
        actor,
        action,
        resourceType,
        resourceId: idOf(result),
        organizationId: orgId,
        outcome: 'success',
      },
      tx,
    );
    return result;
  });
}

/** A second location, resource (at one location) or appointment type with a name in use. */
export class NameTaken extends DomainError {
  constructor(what: string) {
    super(409, 'name-taken', 'This name is taken', `Another ${what} already has this name.`, {
      errors: [{ pointer: '/body/name', detail: 'already used: choose another name' }],
    });
  }
}

/** Runs a write whose only unique constraint besides its key is its name (`…_name_key`). */
async function uniqueName<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && (e.constraint === undefined || e.constraint.endsWith('_name_key'))) {
      throw new NameTaken(what);
    }
    throw err;
  }
}

async function requireLocations(
  tx: Queryable,
  orgId: string,
  ids: string[],
  pointer: (i: number) => string,
) {
  const known = await store.existingLocations(tx, orgId, ids);
  const bad = ids.findIndex((id) => !known.has(id));
  if (bad !== -1) {
    throw new Invalid('That location is not one of this organization’s.', [
      { pointer: pointer(bad), detail: 'unknown location' },
    ]);
  }
}

async function requireProviders(
  tx: Queryable,
  orgId: string,
  ids: string[],
  pointer: (i: number) => string,
) {
  const known = await store.existingProviders(tx, orgId, ids);
  const bad = ids.findIndex((id) => !known.has(id));
  if (bad !== -1) {
    throw new Invalid('That provider is not one of this organization’s.', [
      { pointer: pointer(bad), detail: 'unknown provider' },
    ]);
  }
}

export async function createLocation(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const l = parseInput(newLocationInput, input);
  return command(actor, db, orgId, 'directory.location.create', 'location', (tx) =>
    uniqueName('location of this organization', () => insertLocation(tx, orgId, l)),
  );
}

export async function updateLocation(
  actor: Actor,
  db: Db,
  orgId: string,
  id: string,
  input: unknown,
) {
  requireManager(actor, orgId);
  const l = parseInput(newLocationInput, input);
  return command(actor, db, orgId, 'directory.location.update', 'location', async (tx) => {
    const updated = await uniqueName('location of this organization', () =>
      store.updateLocation(tx, orgId, id, l),
    );
    if (!updated) throw new NotFound();
    return id;
  });
}

export async function createProvider(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const p = parseInput(providerInput, input);
  return command(actor, db, orgId, 'directory.provider.create', 'provider', async (tx) => {
    await requireLocations(tx, orgId, p.locationIds, (i) => `/body/locationIds/${i}`);
    return store.insertProvider(tx, orgId, p);
  });
}

export async function updateProvider(
  actor: Actor,
  db: Db,
  orgId: string,
  id: string,
  input: unknown,
) {
  requireManager(actor, orgId);
  const p = parseInput(providerInput, input);
  return command(actor, db, orgId, 'directory.provider.update', 'provider', async (tx) => {
    await requireLocations(tx, orgId, p.locationIds, (i) => `/body/locationIds/${i}`);
    if (!(await store.updateProvider(tx, orgId, id, p))) throw new NotFound();
    return id;
  });
}

export async function createResource(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const r = parseInput(resourceInput, input);
  return command(actor, db, orgId, 'directory.resource.create', 'resource', async (tx) => {
    await requireLocations(tx, orgId, [r.locationId], () => '/body/locationId');
    return uniqueName('resource at this location', () => store.insertResource(tx, orgId, r));
  });
}

export async function updateResource(
  actor: Actor,
  db: Db,
  orgId: string,
  id: string,
  input: unknown,
) {
  requireManager(actor, orgId);
  const r = parseInput(resourceInput, input);
  return command(actor, db, orgId, 'directory.resource.update', 'resource', async (tx) => {
    await requireLocations(tx, orgId, [r.locationId], () => '/body/locationId');
    const updated = await uniqueName('resource at this location', () =>
      store.updateResource(tx, orgId, id, r),
    );
    if (!updated) throw new NotFound();
    return id;
  });
}

/**
 * Removes a room or piece of equipment. Refused (409 resource-in-use) while an appointment takes
 * it, upcoming or past: upcoming ones are moved or cancelled first (which frees it), and a
 * resource named by past visits stays on their record (rename or move it instead).
 */
export async function removeResource(actor: Actor, db: Db, orgId: string, id: string) {
  return command(actor, db, orgId, 'directory.resource.delete', 'resource', async (tx) => {
    let removed;
    try {
      removed = await store.deleteResource(tx, orgId, id);
    } catch (err) {
      if ((err as { code?: string }).code !== '23503') throw err;
      throw new Conflict(
        'resource-in-use',
        'The resource is in use',
        'Appointments take this resource. Move or cancel the upcoming ones first; a resource that ' +
          'past visits name stays on their record (rename or move it instead).',
      );
    }
    if (!removed) throw new NotFound();
    return id;
  });
}

export async function createAppointmentType(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const t = parseInput(appointmentTypeInput, input);
  return command(
    actor,
    db,
    orgId,
    'directory.appointment_type.create',
    'appointment_type',
    async (tx) => {
      await checkScope(tx, orgId, t.scope);
      return uniqueName('appointment type of this organization', () =>
        typesStore.insertAppointmentType(tx, orgId, t),
      );
    },
  );
}

export async function updateAppointmentType(
  actor: Actor,
  db: Db,
  orgId: string,
  id: string,
  input: unknown,
) {
  requireManager(actor, orgId);
  const t = parseInput(appointmentTypeInput, input);
  return command(
    actor,
    db,
    orgId,
    'directory.appointment_type.update',
    'appointment_type',
    async (tx) => {
      await checkScope(tx, orgId, t.scope);
      const updated = await uniqueName('appointment type of this organization', () =>
        typesStore.updateAppointmentType(tx, orgId, id, t),
      );
      if (!updated) throw new NotFound();
      return id;
    },
  );
}

async function checkScope(
  tx: Queryable,
  orgId: string,
  scope: { providerId: string; locationId: string }[],
) {
  await requireProviders(
    tx,
    orgId,
    scope.map((s) => s.providerId),
    (i) => `/body/scope/${i}/providerId`,
  );
  await requireLocations(
    tx,
    orgId,
    scope.map((s) => s.locationId),
    (i) => `/body/scope/${i}/locationId`,
  );
}

/** A rule for one provider at one location: both must be this organization's. */
async function requireProviderAndLocation(
  tx: Queryable,
  orgId: string,
  rule: { providerId: string; locationId: string },
) {
  await requireProviders(tx, orgId, [rule.providerId], () => '/providerId');
  await requireLocations(tx, orgId, [rule.locationId], () => '/body/locationId');
}

export async function addWorkingHours(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const w = parseInput(workingHoursInput, input);
  return command(
    actor,
    db,
    orgId,
    'directory.working_hours.create',
    'working_hours',
    async (tx) => {
      await requireProviderAndLocation(tx, orgId, w);
      return store.insertWorkingHours(tx, orgId, w);
    },
  );
}

export async function addDateOverride(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const o = parseInput(dateOverrideInput, input);
  return command(
    actor,
    db,
    orgId,
    'directory.date_override.create',
    'date_override',
    async (tx) => {
      await requireProviderAndLocation(tx, orgId, o);
      return store.insertDateOverride(tx, orgId, o);
    },
  );
}

export async function addTimeOff(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const t = parseInput(timeOffInput, input);
  return command(actor, db, orgId, 'directory.time_off.create', 'time_off', async (tx) => {
    await requireProviders(tx, orgId, [t.providerId], () => '/providerId');
    return store.insertTimeOff(tx, orgId, t);
  });
}

export async function setHoliday(actor: Actor, db: Db, orgId: string, input: unknown) {
  requireManager(actor, orgId);
  const h = parseInput(holidayInput, input);
  return command(actor, db, orgId, 'directory.holiday.set', 'holiday', async (tx) => {
    await store.upsertHoliday(tx, orgId, h);
    return h.date;
  });
}

export async function removeHoliday(actor: Actor, db: Db, orgId: string, date: string) {
  return command(actor, db, orgId, 'directory.holiday.delete', 'holiday', async (tx) => {
    if (!(await store.deleteHoliday(tx, orgId, date))) throw new NotFound();
    return date;
  });
}

export async function removeRule(
  actor: Actor,
  db: Db,
  orgId: string,
  kind: 'working_hours' | 'date_overrides' | 'time_off',
  id: string,
) {
  return command(actor, db, orgId, `directory.${kind}.delete`, kind, async (tx) => {
    if (!(await store.deleteRule(tx, orgId, kind, id))) throw new NotFound();
    return id;
  });
}

/** Public reads: the directory holds no PHI. */
export const listProviders = (db: Queryable, orgId: string) => store.listProviders(db, orgId);
export const listResources = (db: Queryable, orgId: string) => store.listResources(db, orgId);
export const listAppointmentTypes = (db: Queryable, orgId: string) =>
  typesStore.listAppointmentTypes(db, orgId);
export async function getAppointmentType(db: Queryable, orgId: string, id: string) {
  const [t] = await typesStore.listAppointmentTypes(db, orgId, id);
  if (!t) throw new NotFound('No such appointment type.');
  return t;
}
