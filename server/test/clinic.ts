import { expect } from 'vitest';
import type { Db } from '../src/platform/db/db.ts';
import { DomainError } from '../src/platform/http/errors.ts';
import type { Actor } from '../src/platform/http/actor.ts';
import { createOrganization } from '../src/modules/directory/directory.service.ts';
import * as directory from '../src/modules/directory/directory.rules-service.ts';

/** A small clinic for scheduling tests: one location in New York, providers, a type, weekday hours. */
export interface Clinic {
  orgId: string;
  locationId: string;
  manager: Actor;
  providerIds: string[];
  typeId: string;
  roomId: string;
}

export function managerOf(orgId: string): Actor {
  return {
    type: 'user',
    id: `manager-${orgId.slice(0, 8)}`,
    organizationId: orgId,
    roles: ['manager'],
  };
}

export function staffOf(orgId: string): Actor {
  return {
    type: 'user',
    id: `desk-${orgId.slice(0, 8)}`,
    organizationId: orgId,
    roles: ['front_desk'],
  };
}

export async function createClinic(
  db: Db,
  opts: {
    slug?: string;
    name?: string;
    providers?: number;
    timeZone?: string;
    type?: Record<string, unknown>;
    hours?: { startTime: string; endTime: string };
  } = {},
): Promise<Clinic> {
  const slug = opts.slug ?? `clinic-${Math.random().toString(36).slice(2, 8)}`;
  const orgId = await db.transaction((tx) =>
    createOrganization(tx, {
      slug,
      name: opts.name ?? `Clinic ${slug}`,
      isDemo: false,
      locations: [
        {
          name: 'Main',
          timeZone: opts.timeZone ?? 'America/New_York',
          addressLine: '',
          city: '',
          region: '',
          postalCode: '',
          country: 'US',
          phone: '',
          inPerson: true,
          telehealth: true,
        },
      ],
    }),
  );
  const { rows } = await db.query<{ id: string }>(
    'select id from locations where organization_id = $1',
    [orgId],
  );
  const locationId = rows[0]!.id;
  const manager = managerOf(orgId);
  const providerIds: string[] = [];
  for (let i = 0; i < (opts.providers ?? 1); i++) {
    providerIds.push(
      await directory.createProvider(manager, db, orgId, {
        displayName: `Dr. Test ${i + 1}`,
        locationIds: [locationId],
      }),
    );
  }
  const roomId = await directory.createResource(manager, db, orgId, {
    locationId,
    name: 'Room 1',
    kind: 'room',
  });
  const typeId = await directory.createAppointmentType(manager, db, orgId, {
    name: 'Follow-up',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    modalities: ['in_person', 'telehealth'],
    scope: providerIds.map((providerId) => ({ providerId, locationId })),
    ...opts.type,
  });
  for (const providerId of providerIds) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      await directory.addWorkingHours(manager, db, orgId, {
        providerId,
        locationId,
        weekday,
        ...(opts.hours ?? { startTime: '09:00', endTime: '17:00' }),
      });
    }
  }
  return { orgId, locationId, manager, providerIds, typeId, roomId };
}

export async function addPatient(db: Db, orgId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    'insert into patients (organization_id) values ($1) returning id',
    [orgId],
  );
  return rows[0]!.id;
}

export function patientActor(orgId: string, patientId: string): Actor {
  // The account id differs from the patient record id, as it does for real patient accounts.
  return { type: 'patient', id: `account-of-${patientId}`, organizationId: orgId, patientId };
}

/**
 * 10:00 (or another time) in New York, `days` from today (or from `from`, a test clock's now):
 * always in the future, inside hours.
 */
export function newYorkTime(days: number, time = '10:00', from = Date.now()): string {
  const date = new Date(from + days * 86_400_000);
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(date);
  return zonedIso(local, time, 'America/New_York');
}

function zonedIso(date: string, time: string, zone: string): string {
  // A wall time in a zone as an instant, without a library: correct the guess by the zone's offset.
  const guess = Date.parse(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(guess));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const shown = Date.parse(
    `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:00Z`,
  );
  return new Date(guess - (shown - guess)).toISOString();
}

/** The message of the rule a booking attempt was refused by (fails the test if it was not). */
export async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).message;
}

/**
 * A hold request at the clinic's first provider and location: at `when` (an ISO start), or `when`
 * days from now at 10:00 New York.
 */
export function holdRequest(
  clinic: Clinic,
  patientId: string,
  when: number | string,
  over: Record<string, unknown> = {},
) {
  return {
    organizationId: clinic.orgId,
    appointmentTypeId: clinic.typeId,
    providerId: clinic.providerIds[0],
    locationId: clinic.locationId,
    patientId,
    start: typeof when === 'number' ? newYorkTime(when) : when,
    modality: 'in_person',
    ...over,
  };
}

/** A Wednesday a week or more ahead (a UTC date): both demo locations are open. */
export function nextWednesday(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The seeded demo clinic's ids tests use: the organization, Boston, the follow-up visit type. */
export async function demoClinicIds(h: {
  app: { inject(url: string): Promise<{ json(): unknown }> };
  db: Db;
}) {
  const org = (await h.app.inject('/api/organizations/demo')).json() as {
    locations: { id: string; timeZone: string }[];
  };
  const types = (await h.app.inject('/api/organizations/demo/appointment-types')).json() as {
    appointmentTypes: { id: string; name: string }[];
  };
  const { rows } = await h.db.query<{ id: string }>(
    "select id from organizations where slug = 'demo'",
  );
  return {
    orgId: rows[0]!.id,
    boston: org.locations.find((l) => l.timeZone === 'America/New_York')!.id,
    followUp: types.appointmentTypes.find((t) => t.name === 'Follow-up visit')!.id,
  };
}
