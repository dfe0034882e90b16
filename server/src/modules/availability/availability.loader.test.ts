import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { occupancy } from '../booking/booking.occupancy.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import * as booking from '../booking/booking.service.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { createOrganization } from '../directory/directory.service.ts';
import { createAvailabilityCache } from './availability.cache.ts';
import { findAvailability } from './availability.service.ts';

const system: Actor = { type: 'system', job: 'test' };
const ZONE = 'America/New_York';
let h: TestApp;
let deps: BookingDeps;

beforeAll(async () => {
  h = await startTestApp({
    extraRoutes: (_app, _db, b) => {
      deps = b;
    },
  });
});
afterAll(() => h.close());

describe('reading a type’s scope for availability', () => {
  it('a provider added to the type’s scope shows with their booked time taken', async () => {
    const orgId = await h.db.transaction((tx) =>
      createOrganization(tx, {
        slug: 'scope-growth',
        name: 'Scope Growth Clinic',
        isDemo: false,
        locations: [
          {
            name: 'Main',
            timeZone: ZONE,
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
    const { rows } = await h.db.query<{ id: string }>(
      'select id from locations where organization_id = $1',
      [orgId],
    );
    const locationId = rows[0]!.id;
    const providers: string[] = [];
    for (const displayName of ['First', 'Second']) {
      const id = await directory.createProvider(system, h.db, orgId, {
        displayName,
        locationIds: [locationId],
      });
      for (let weekday = 1; weekday <= 7; weekday++) {
        await directory.addWorkingHours(system, h.db, orgId, {
          providerId: id,
          locationId,
          weekday,
          startTime: '09:00',
          endTime: '12:00',
        });
      }
      providers.push(id);
    }
    const typeInput = (scoped: string[]) => ({
      name: 'Visit',
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      horizonDays: 60,
      modalities: ['in_person'],
      scope: scoped.map((providerId) => ({ providerId, locationId })),
    });
    const typeId = await directory.createAppointmentType(
      system,
      h.db,
      orgId,
      typeInput([providers[0]!]),
    );
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const query = {
      organization: 'scope-growth',
      appointmentTypeId: typeId,
      from: day,
      to: day,
      zone: ZONE,
      first: false,
    };
    const cache = createAvailabilityCache(0, Date.now);
    const before = await findAvailability({ db: h.db, occupancy }, cache, query, Date.now());
    expect(new Set(before.slots.map((s) => s.providerId))).toEqual(new Set([providers[0]]));

    await directory.updateAppointmentType(system, h.db, orgId, typeId, typeInput(providers));
    const { rows: pats } = await h.db.query<{ id: string }>(
      'insert into patients (organization_id) values ($1) returning id',
      [orgId],
    );
    const first = before.slots[1];
    expect(first).toBeDefined();
    await booking.hold(system, deps, {
      organizationId: orgId,
      appointmentTypeId: typeId,
      providerId: providers[1]!,
      locationId,
      patientId: pats[0]!.id,
      start: first!.start,
      modality: 'in_person',
    });

    const after = await findAvailability({ db: h.db, occupancy }, cache, query, Date.now());
    const second = after.slots.filter((s) => s.providerId === providers[1]);
    expect(second.length).toBe(before.slots.length - 1);
    expect(second.map((s) => s.start)).not.toContain(first!.start);
  });
});
