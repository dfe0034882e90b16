import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import { adminUrl, createTestDb, type TestDb } from '../../../test/harness.ts';
import { newYorkTime, overbookAtOnce, setPolicy, tally } from './booking.overbook.testkit.ts';
import * as booking from './booking.service.ts';

/**
 * The overbooking caps under real contention, on PostgreSQL only (a pool of connections, so the
 * overbookings truly race; booking.overbook-policy.test.ts is the PGlite version). N simultaneous
 * overbookings over a cap leave exactly the cap.
 */

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;

beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  t = await createTestDb();
  clinic = await createClinic(t.db, { providers: 1 });
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: () => Date.now(),
    videoUrlTemplate: 'https://video.invalid/room/{room}',
    onChange: () => {},
  };
});
afterAll(() => t.drop());

async function bookNormally(start: string) {
  const patient = await addPatient(t.db, clinic.orgId);
  await booking.hold(
    staffOf(clinic.orgId),
    deps,
    holdRequest(clinic, patient, start, { confirm: true }),
  );
}

const overbooked = async (day: number) =>
  (
    await t.db.query<{ lane: number; n: number }>(
      `select lane, count(*)::int as n from appointments
        where organization_id = $1 and lane > 0 and status = 'booked'
          and starts_at >= $2 and starts_at < $3::timestamptz + interval '1 day'
        group by lane order by lane`,
      [clinic.orgId, newYorkTime(day, '00:00'), newYorkTime(day, '00:00')],
    )
  ).rows;

describe('overbooking caps under contention', () => {
  it('at once: 12 simultaneous overbookings of one time, 3 lanes → exactly 3, one per lane', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 3 });
    const start = newYorkTime(3, '10:00');
    await bookNormally(start);
    const outcomes = await overbookAtOnce(t.db, deps, clinic, Array(12).fill(start));
    expect(tally(outcomes)).toEqual({ booked: 3, 'overbook-cap-reached:at_once': 9 });
    expect(await overbooked(3)).toEqual([
      { lane: 1, n: 1 },
      { lane: 2, n: 1 },
      { lane: 3, n: 1 },
    ]);
  });

  it('per hour: 10 simultaneous overbookings in one hour, cap 2 → exactly 2', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 5, maxPerHour: 2 });
    const starts = ['14:00', '14:30'].map((h) => newYorkTime(4, h));
    for (const s of starts) await bookNormally(s);
    const outcomes = await overbookAtOnce(
      t.db,
      deps,
      clinic,
      Array.from({ length: 10 }, (_, i) => starts[i % 2]!),
    );
    expect(tally(outcomes)).toEqual({ booked: 2, 'overbook-cap-reached:per_hour': 8 });
  });

  it('per day: 12 simultaneous overbookings over six hours, cap 4 → exactly 4', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 2, maxPerDay: 4 });
    const hours = ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00'];
    const outcomes = await overbookAtOnce(
      t.db,
      deps,
      clinic,
      Array.from({ length: 12 }, (_, i) => newYorkTime(5, hours[i % 6]!)),
    );
    expect(tally(outcomes)).toEqual({ booked: 4, 'overbook-cap-reached:per_day': 8 });
    expect((await overbooked(5)).reduce((n, r) => n + r.n, 0)).toBe(4);
  });
});
