import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  newYorkTime,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { DomainError } from '../../platform/http/errors.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { listAppointmentTypes } from '../directory/directory.types-store.ts';
import * as booking from './booking.service.ts';

// A clinic decides per visit type whether the front desk may overbook it (the extra lane): a
// procedure that needs the room and the clinician's whole attention is not overbooked.

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;
let alice: string;
let bob: string;

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 1 });
  alice = await addPatient(t.db, clinic.orgId);
  bob = await addPatient(t.db, clinic.orgId);
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: () => Date.now(),
    videoUrlTemplate: 'https://video.invalid/room/{room}',
    onChange: () => {},
  };
});
afterAll(() => t.drop());

const appointments = async () =>
  Number(
    (
      await t.db.query<{ n: string }>(
        'select count(*) as n from appointments where organization_id = $1',
        [clinic.orgId],
      )
    ).rows[0]!.n,
  );

describe('a visit type that is not overbooked', () => {
  it('is overbooked by default; switched off, an overbooking is a 422 that books nothing', async () => {
    const [type] = await listAppointmentTypes(t.db, clinic.orgId, clinic.typeId);
    expect(type!.allowsOverbooking).toBe(true);
    const start = newYorkTime(3, '11:00');
    await booking.hold(
      staffOf(clinic.orgId),
      deps,
      holdRequest(clinic, alice, start, { confirm: true }),
    );

    // The type as its own input: every field but the id.
    const rest: Partial<typeof type> = { ...type! };
    delete rest.id;
    await directory.updateAppointmentType(clinic.manager, t.db, clinic.orgId, clinic.typeId, {
      ...rest,
      allowsOverbooking: false,
    });
    const [changed] = await listAppointmentTypes(t.db, clinic.orgId, clinic.typeId);
    expect(changed!.allowsOverbooking).toBe(false);

    const before = await appointments();
    const err = await booking
      .hold(
        staffOf(clinic.orgId),
        deps,
        holdRequest(clinic, bob, start, { confirm: true, overbookReason: 'urgent' }),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      status: 422,
      slug: 'overbook-not-allowed',
      errors: [{ pointer: '/body/overbookReason' }],
    });
    expect(await appointments()).toBe(before);

    // Switched on again, the same overbooking takes the extra lane.
    await directory.updateAppointmentType(clinic.manager, t.db, clinic.orgId, clinic.typeId, {
      ...rest,
      allowsOverbooking: true,
    });
    const extra = await booking.hold(
      staffOf(clinic.orgId),
      deps,
      holdRequest(clinic, bob, start, { confirm: true, overbookReason: 'urgent' }),
    );
    expect(extra.overbooked).toBe(true);
  });
});
