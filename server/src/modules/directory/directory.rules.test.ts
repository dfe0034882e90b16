import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  newYorkTime,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import * as booking from '../booking/booking.service.ts';
import * as directory from './directory.rules-service.ts';

let t: TestDb;
let clinic: Clinic;
let other: Clinic;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { slug: 'north' });
  other = await createClinic(t.db, { slug: 'south' });
});
afterAll(() => t.drop());

async function invalidPointers(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Invalid);
  return (err as Invalid).errors!.map((e) => e.pointer);
}

async function count(table: string, orgId: string) {
  const { rows } = await t.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where organization_id = $1`,
    [orgId],
  );
  return rows[0]!.n;
}

describe('a manager builds the scheduling directory', () => {
  it('adds a provider who works at a location, visible in the public listing', async () => {
    const id = await directory.createProvider(clinic.manager, t.db, clinic.orgId, {
      displayName: 'Dr. Amara Okafor',
      credentials: 'MD',
      specialties: ['Family medicine'],
      languages: ['en', 'yo'],
      acceptingNewPatients: false,
      locationIds: [clinic.locationId],
    });
    const listed = await directory.listProviders(t.db, clinic.orgId);
    expect(listed.find((p) => p.id === id)).toMatchObject({
      displayName: 'Dr. Amara Okafor',
      credentials: 'MD',
      languages: ['en', 'yo'],
      acceptingNewPatients: false,
      locationIds: [clinic.locationId],
    });
  });

  it('defines an appointment type with its rules and provider scope', async () => {
    const id = await directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
      name: 'New patient visit',
      description: 'A first visit.',
      durationMinutes: 45,
      bufferAfterMinutes: 10,
      minNoticeMinutes: 24 * 60,
      horizonDays: 60,
      slotIntervalMinutes: 15,
      modalities: ['in_person'],
      requiredResourceKinds: ['room'],
      eligibility: 'new',
      minAgeYears: 18,
      scope: [{ providerId: clinic.providerIds[0], locationId: clinic.locationId }],
    });
    const type = await directory.getAppointmentType(t.db, clinic.orgId, id);
    expect(type).toMatchObject({
      durationMinutes: 45,
      bufferAfterMinutes: 10,
      eligibility: 'new',
      requiredResourceKinds: ['room'],
      scope: [{ providerId: clinic.providerIds[0], locationId: clinic.locationId }],
    });
  });

  it('leaves an audit event for each change, naming the manager', async () => {
    const { rows } = await t.db.query<{ action: string; actor_id: string }>(
      `select action, actor_id from audit_events where organization_id = $1
        and action = 'directory.provider.create'`,
      [clinic.orgId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.actor_id).toBe(`manager-${clinic.orgId.slice(0, 8)}`);
  });
});

describe('locations', () => {
  it('a manager adds a telehealth-only location and later moves it to another zone', async () => {
    const id = await directory.createLocation(clinic.manager, t.db, clinic.orgId, {
      name: 'Virtual clinic',
      timeZone: 'America/Chicago',
      inPerson: false,
      telehealth: true,
    });
    await directory.updateLocation(clinic.manager, t.db, clinic.orgId, id, {
      name: 'Virtual clinic',
      timeZone: 'America/Denver',
      inPerson: false,
      telehealth: true,
    });
    const { rows } = await t.db.query<{ time_zone: string; in_person: boolean }>(
      'select time_zone, in_person from locations where id = $1',
      [id],
    );
    expect(rows[0]).toEqual({ time_zone: 'America/Denver', in_person: false });
  });
});

describe('holidays and resources', () => {
  it('a holiday closes the day until the manager removes it', async () => {
    await directory.setHoliday(clinic.manager, t.db, clinic.orgId, {
      date: '2031-07-04',
      name: 'Independence Day',
    });
    expect(await count('holidays', clinic.orgId)).toBe(1);
    await directory.removeHoliday(clinic.manager, t.db, clinic.orgId, '2031-07-04');
    expect(await count('holidays', clinic.orgId)).toBe(0);
    await expect(
      directory.removeHoliday(clinic.manager, t.db, clinic.orgId, '2031-07-04'),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('a room can be renamed, and cannot be moved to another organization’s location', async () => {
    await directory.updateResource(clinic.manager, t.db, clinic.orgId, clinic.roomId, {
      locationId: clinic.locationId,
      name: 'Room A',
      kind: 'room',
    });
    const { rows } = await t.db.query<{ name: string }>(
      'select name from resources where id = $1',
      [clinic.roomId],
    );
    expect(rows[0]!.name).toBe('Room A');
    const pointers = await invalidPointers(
      directory.updateResource(clinic.manager, t.db, clinic.orgId, clinic.roomId, {
        locationId: other.locationId,
        name: 'Room A',
        kind: 'room',
      }),
    );
    expect(pointers).toEqual(['/body/locationId']);
  });
});

describe('removing a resource', () => {
  it('removes a room no appointment takes, audited; a second removal is not found', async () => {
    const id = await directory.createResource(clinic.manager, t.db, clinic.orgId, {
      locationId: clinic.locationId,
      name: 'Spare room',
      kind: 'room',
    });
    await directory.removeResource(clinic.manager, t.db, clinic.orgId, id);
    const { rows } = await t.db.query('select 1 from resources where id = $1', [id]);
    expect(rows).toEqual([]);
    const events = await t.db.query<{ actor_id: string }>(
      `select actor_id from audit_events where action = 'directory.resource.delete' and resource_id = $1`,
      [id],
    );
    expect(events.rows).toEqual([{ actor_id: (clinic.manager as { id: string }).id }]);
    await expect(
      directory.removeResource(clinic.manager, t.db, clinic.orgId, id),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses with resource-in-use while an upcoming visit takes the room, and keeps it', async () => {
    const typeId = await directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
      name: 'Procedure',
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
      requiredResourceKinds: ['room'],
      scope: [{ providerId: clinic.providerIds[0], locationId: clinic.locationId }],
    });
    const visit = await booking.hold(
      { type: 'system', job: 'test' },
      { db: t.db, holdMinutes: 10, now: Date.now },
      {
        organizationId: clinic.orgId,
        appointmentTypeId: typeId,
        providerId: clinic.providerIds[0],
        locationId: clinic.locationId,
        patientId: await addPatient(t.db, clinic.orgId),
        start: newYorkTime(3),
        modality: 'in_person',
      },
    );
    expect(visit.resourceIds).toEqual([clinic.roomId]);
    const err = await directory
      .removeResource(clinic.manager, t.db, clinic.orgId, clinic.roomId)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(Conflict);
    expect(err).toMatchObject({ status: 409, slug: 'resource-in-use' });
    const { rows } = await t.db.query('select 1 from resources where id = $1', [clinic.roomId]);
    expect(rows).toHaveLength(1);
  });

  it('is not another organization’s manager’s to remove: it looks like nothing', async () => {
    await expect(
      directory.removeResource(other.manager, t.db, clinic.orgId, clinic.roomId),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      directory.removeResource(other.manager, t.db, other.orgId, clinic.roomId),
    ).rejects.toBeInstanceOf(NotFound);
  });
});

describe('bad directory input is a clear 400 and writes nothing', () => {
  it('refuses working hours that end before they start', async () => {
    const before = await count('working_hours', clinic.orgId);
    const pointers = await invalidPointers(
      directory.addWorkingHours(clinic.manager, t.db, clinic.orgId, {
        providerId: clinic.providerIds[0],
        locationId: clinic.locationId,
        weekday: 1,
        startTime: '17:00',
        endTime: '09:00',
      }),
    );
    expect(pointers).toEqual(['/body/endTime']);
    expect(await count('working_hours', clinic.orgId)).toBe(before);
  });

  it('refuses a location whose time zone is not an IANA zone', async () => {
    const before = await count('locations', clinic.orgId);
    const pointers = await invalidPointers(
      directory.createLocation(clinic.manager, t.db, clinic.orgId, {
        name: 'Annex',
        timeZone: 'Eastern Time',
      }),
    );
    expect(pointers).toEqual(['/body/timeZone']);
    expect(await count('locations', clinic.orgId)).toBe(before);
  });

  it('refuses a negative buffer', async () => {
    const pointers = await invalidPointers(
      directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
        name: 'Odd',
        durationMinutes: 30,
        bufferBeforeMinutes: -5,
        slotIntervalMinutes: 30,
        modalities: ['in_person'],
      }),
    );
    expect(pointers).toEqual(['/body/bufferBeforeMinutes']);
  });

  it('refuses a time-off period that ends before it starts, and a closed day with only an end', async () => {
    expect(
      await invalidPointers(
        directory.addTimeOff(clinic.manager, t.db, clinic.orgId, {
          providerId: clinic.providerIds[0],
          start: '2030-01-02T00:00:00Z',
          end: '2030-01-01T00:00:00Z',
        }),
      ),
    ).toEqual(['/body/end']);
    expect(
      await invalidPointers(
        directory.addDateOverride(clinic.manager, t.db, clinic.orgId, {
          providerId: clinic.providerIds[0],
          locationId: clinic.locationId,
          date: '2030-01-01',
          endTime: '12:00',
        }),
      ),
    ).toEqual(['/body/endTime']);
  });

  it('refuses a provider scope that names another organization’s provider, and writes nothing', async () => {
    const before = await count('appointment_types', clinic.orgId);
    const pointers = await invalidPointers(
      directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
        name: 'Borrowed',
        durationMinutes: 30,
        slotIntervalMinutes: 30,
        modalities: ['telehealth'],
        scope: [{ providerId: other.providerIds[0], locationId: clinic.locationId }],
      }),
    );
    expect(pointers).toEqual(['/body/scope/0/providerId']);
    expect(await count('appointment_types', clinic.orgId)).toBe(before);
  });
});

describe('who may change the directory', () => {
  it('is not front-desk staff', async () => {
    await expect(
      directory.createResource(staffOf(clinic.orgId), t.db, clinic.orgId, {
        locationId: clinic.locationId,
        name: 'Room 9',
        kind: 'room',
      }),
    ).rejects.toBeInstanceOf(Forbidden);
  });

  it('is not another organization’s manager, who sees nothing there', async () => {
    await expect(
      directory.setHoliday(other.manager, t.db, clinic.orgId, {
        date: '2030-12-25',
        name: 'Closed',
      }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await count('holidays', clinic.orgId)).toBe(0);
  });
});
