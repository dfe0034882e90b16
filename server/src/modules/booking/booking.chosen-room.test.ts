import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  newYorkTime,
  patientActor,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { createTestClock } from '../../platform/time/clock.ts';
import * as directory from '../directory/directory.rules-service.ts';
import * as booking from './booking.service.ts';

// The schedule's room column books a free time in that room: the desk names the room, and the
// visit takes it (not merely the first free room), or is refused when the room is taken.

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;
let typeId: string;
let room2: string;
let scanner: string;
const clock = createTestClock(new Date());
const staff = () => staffOf(clinic.orgId);

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 2 });
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: () => clock.now().getTime(),
    videoUrlTemplate: 'https://video.invalid/room/{room}',
  };
  const room = { locationId: clinic.locationId, kind: 'room' };
  room2 = await directory.createResource(clinic.manager, t.db, clinic.orgId, {
    ...room,
    name: 'Room 2',
  });
  scanner = await directory.createResource(clinic.manager, t.db, clinic.orgId, {
    ...room,
    name: 'Scanner',
    kind: 'ultrasound',
  });
  typeId = await directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
    name: 'Procedure',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    modalities: ['in_person'],
    requiredResourceKinds: ['room'],
    scope: clinic.providerIds.map((providerId) => ({ providerId, locationId: clinic.locationId })),
  });
});
afterAll(() => t.drop());

async function problem(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const request = (patientId: string, start: string, over: Record<string, unknown> = {}) =>
  holdRequest(clinic, patientId, start, { appointmentTypeId: typeId, confirm: true, ...over });

describe('booking a chosen room', () => {
  it('takes the room the desk chose, and refuses it once taken while another room is free', async () => {
    const start = newYorkTime(9, '11:00');
    const [a, b] = [await addPatient(t.db, clinic.orgId), await addPatient(t.db, clinic.orgId)];
    const first = await booking.hold(staff(), deps, request(a, start, { resourceIds: [room2] }));
    expect(first.resourceIds).toEqual([room2]);
    // Room 1 is still free; the desk asked for Room 2 with the other provider: taken.
    const other = { providerId: clinic.providerIds[1], resourceIds: [room2] };
    expect((await problem(booking.hold(staff(), deps, request(b, start, other)))).slug).toBe(
      'slot-taken',
    );
    // Without a choice the visit takes the free one.
    const any = await booking.hold(
      staff(),
      deps,
      request(b, start, { providerId: clinic.providerIds[1] }),
    );
    expect(any.resourceIds).toEqual([clinic.roomId]);
  });

  it('refuses a resource of a kind the visit does not take, and a patient choosing one', async () => {
    const start = newYorkTime(9, '14:00');
    const p = await addPatient(t.db, clinic.orgId);
    const wrong = await problem(
      booking.hold(staff(), deps, request(p, start, { resourceIds: [scanner] })),
    );
    expect(wrong.status).toBe(400);
    const asPatient = await problem(
      booking.hold(
        patientActor(clinic.orgId, p),
        deps,
        holdRequest(clinic, p, start, { appointmentTypeId: typeId, resourceIds: [room2] }),
      ),
    );
    expect(asPatient.status).toBe(403);
    const { rows } = await t.db.query('select 1 from appointments where patient_id = $1', [p]);
    expect(rows).toHaveLength(0);
  });
});
