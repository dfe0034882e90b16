import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPatient,
  createClinic,
  holdRequest,
  patientActor,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createAvailabilityCache } from '../availability/availability.cache.ts';
import { findAvailability } from '../availability/availability.service.ts';
import { occupancy } from './booking.occupancy.ts';
import {
  listOverbookPolicies,
  readOverbookAllowance,
  removeOverbookPolicy,
} from './booking.overbook-policy.ts';
import {
  newYorkTime,
  outcome,
  overbookAtOnce,
  policy,
  setPolicy,
  tally,
} from './booking.overbook.testkit.ts';
import { setOverbookPolicy } from './booking.overbook-policy.ts';
import * as booking from './booking.service.ts';

// The clinic's overbooking policy: per provider a default and per-type overrides — allowed or
// not, how many extra at once, per hour, per day — enforced by the database's trigger and lanes.

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 1, slug: 'overbook-policy' });
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: () => Date.now(),
    videoUrlTemplate: 'https://video.invalid/room/{room}',
    onChange: () => {},
  };
});
afterAll(() => t.drop());

const desk = () => staffOf(clinic.orgId);

async function bookNormally(start: string) {
  const patient = await addPatient(t.db, clinic.orgId);
  return booking.hold(desk(), deps, holdRequest(clinic, patient, start, { confirm: true }));
}

const allowanceAt = (start: string) =>
  readOverbookAllowance(desk(), t.db, {
    providerId: clinic.providerIds[0]!,
    appointmentTypeId: clinic.typeId,
    locationId: clinic.locationId,
    start,
  });

const lanesAt = async (start: string) =>
  (
    await t.db.query<{ lane: number }>(
      `select lane from appointments where starts_at = $1 and status = 'booked' order by lane`,
      [start],
    )
  ).rows.map((r) => r.lane);

describe('extra bookings at once', () => {
  it('takes the lowest free lanes up to the cap; the next is refused by the database', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 3 });
    const start = newYorkTime(5, '10:00');
    await bookNormally(start);
    expect(await allowanceAt(start)).toMatchObject({ allowed: true, atOnce: { max: 3, free: 3 } });
    // PGlite has one connection, so these run one after another; the PostgreSQL suite races them.
    const outcomes = await overbookAtOnce(t.db, deps, clinic, [start, start, start, start, start]);
    expect(tally(outcomes)).toEqual({ booked: 3, 'overbook-cap-reached:at_once': 2 });
    expect(await lanesAt(start)).toEqual([0, 1, 2, 3]);
    expect(await allowanceAt(start)).toMatchObject({ atOnce: { free: 0 }, remaining: 0 });

    // A cancelled overbooking frees its lane, and the next one takes exactly that lane.
    const { rows } = await t.db.query<{ id: string }>(
      `select id from appointments where starts_at = $1 and lane = 2`,
      [start],
    );
    const cancelled = await booking.getAppointment(desk(), deps, clinic.orgId, rows[0]!.id);
    await booking.transition(desk(), deps, clinic.orgId, cancelled.id, 'cancel', {
      body: { reasonCode: 'patient_request' },
      expectedVersion: cancelled.version,
    });
    expect(await overbookAtOnce(t.db, deps, clinic, [start])).toEqual(['booked']);
    expect(await lanesAt(start)).toEqual([0, 1, 2, 3]);
  });
});

describe('per hour and per day', () => {
  it('counts overbookings starting in the same local hour', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 2, maxPerHour: 1 });
    const [ten, tenThirty, eleven] = ['10:00', '10:30', '11:00'].map((h) => newYorkTime(6, h));
    for (const s of [ten!, tenThirty!, eleven!]) await bookNormally(s);
    expect(await overbookAtOnce(t.db, deps, clinic, [ten!])).toEqual(['booked']);
    expect(await allowanceAt(tenThirty!)).toMatchObject({
      perHour: { max: 1, used: 1 },
      remaining: 0,
    });
    expect(await overbookAtOnce(t.db, deps, clinic, [tenThirty!])).toEqual([
      'overbook-cap-reached:per_hour',
    ]);
    expect(await overbookAtOnce(t.db, deps, clinic, [eleven!])).toEqual(['booked']);
  });

  it('counts the local day, and a cancelled overbooking gives its place back', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 1, maxPerDay: 2 });
    const starts = ['09:00', '12:00', '15:00'].map((h) => newYorkTime(7, h));
    // Concurrent: which two of the three win is the database's choice; that exactly two do is not.
    const outcomes = await overbookAtOnce(t.db, deps, clinic, starts);
    expect([...outcomes].sort()).toEqual(['booked', 'booked', 'overbook-cap-reached:per_day']);
    const won = starts.filter((_, i) => outcomes[i] === 'booked');
    const lost = starts[outcomes.indexOf('overbook-cap-reached:per_day')]!;
    // The next local day has its own count.
    expect(await overbookAtOnce(t.db, deps, clinic, [newYorkTime(8, '09:00')])).toEqual(['booked']);
    const { rows } = await t.db.query<{ id: string; version: number }>(
      `select id, version from appointments where starts_at = $1 and lane = 1`,
      [won[0]],
    );
    await booking.transition(desk(), deps, clinic.orgId, rows[0]!.id, 'cancel', {
      body: { reasonCode: 'patient_request' },
      expectedVersion: rows[0]!.version,
    });
    expect(await overbookAtOnce(t.db, deps, clinic, [lost])).toEqual(['booked']);
  });
});

describe('the policy itself', () => {
  it('a type override beats the provider default; without it the default applies again', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 2 });
    await setPolicy(t.db, clinic, { appointmentTypeId: clinic.typeId, allowed: false });
    const start = newYorkTime(9, '10:00');
    await bookNormally(start);
    expect((await allowanceAt(start)).allowed).toBe(false);
    expect(await overbookAtOnce(t.db, deps, clinic, [start])).toEqual(['overbook-not-allowed']);
    await removeOverbookPolicy(clinic.manager, t.db, clinic.providerIds[0]!, clinic.typeId);
    expect(await overbookAtOnce(t.db, deps, clinic, [start, start])).toEqual(['booked', 'booked']);
    const listed = await listOverbookPolicies(clinic.manager, t.db);
    expect(listed.map((p) => [p.appointmentTypeId, p.maxAtOnce])).toEqual([[null, 2]]);
  });

  it('refuses an hourly cap above the daily one and changes nothing', async () => {
    const before = await listOverbookPolicies(clinic.manager, t.db);
    const err = await outcome(
      setOverbookPolicy(
        clinic.manager,
        t.db,
        new Date(),
        policy(clinic, { maxPerHour: 5, maxPerDay: 2 }),
      ),
    );
    expect(err).toBe('validation');
    expect(await listOverbookPolicies(clinic.manager, t.db)).toEqual(before);
    expect(await outcome(listOverbookPolicies(desk(), t.db))).toBe('forbidden');
  });

  it('the database refuses an overbooking written around the app: over the cap, or without a reason', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 1 });
    const start = newYorkTime(10, '10:00');
    await bookNormally(start);
    await overbookAtOnce(t.db, deps, clinic, [start]);
    const patient = await addPatient(t.db, clinic.orgId);
    const insert = (lane: number, reason: string | null, at = start) =>
      t.db.query(
        `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
           patient_id, modality, status, starts_at, ends_at, during, lane, overbook_reason)
         values ($1, $2, $3, $4, $5, 'in_person', 'booked', $6::timestamptz,
           $6::timestamptz + interval '30 minutes',
           tstzrange($6::timestamptz, $6::timestamptz + interval '30 minutes'), $7, $8)`,
        [
          clinic.orgId,
          clinic.typeId,
          clinic.providerIds[0],
          clinic.locationId,
          patient,
          at,
          lane,
          reason,
        ],
      );
    await expect(insert(1, 'urgent')).rejects.toMatchObject({ code: 'HGOB2', detail: 'at_once' });
    // At a free time the cap passes, and the row's check refuses a lane without a reason.
    await expect(insert(1, null, newYorkTime(10, '14:00'))).rejects.toMatchObject({
      code: '23514',
    });
    expect(await lanesAt(start)).toEqual([0, 1]);
  });
});

describe('the allowance of another organization', () => {
  it('counts only its own overbookings, even when given this provider', async () => {
    const start = newYorkTime(6, '10:00');
    expect((await allowanceAt(start)).perHour.used).toBe(1);
    const other = await createClinic(t.db, { providers: 1 });
    const theirs = await readOverbookAllowance(staffOf(other.orgId), t.db, {
      providerId: clinic.providerIds[0]!,
      appointmentTypeId: other.typeId,
      locationId: other.locationId,
      start,
    });
    expect(theirs).toMatchObject({ perHour: { used: 0 }, perDay: { used: 0 }, atOnce: { max: 1 } });
  });
});

describe('who overbooks, and what it leaves', () => {
  it('a reason is recorded in the history and the booking is audited', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 1 });
    const start = newYorkTime(11, '10:00');
    await bookNormally(start);
    const patient = await addPatient(t.db, clinic.orgId);
    const extra = await booking.hold(
      desk(),
      deps,
      holdRequest(clinic, patient, start, { confirm: true, overbookReason: 'follow_up' }),
    );
    expect(extra.overbooked).toBe(true);
    const history = await t.db.query<{ reason_code: string }>(
      'select reason_code from appointment_events where appointment_id = $1',
      [extra.id],
    );
    expect(history.rows.map((r) => r.reason_code)).toEqual(['overbook:follow_up']);
    const audit = await t.db.query<{ action: string; patient_id: string }>(
      'select action, patient_id from audit_events where resource_id = $1',
      [extra.id],
    );
    expect(audit.rows).toEqual([{ action: 'booking.booked', patient_id: patient }]);
  });

  it('patients never take an overbook lane, and availability never offers one', async () => {
    await setPolicy(t.db, clinic, { maxAtOnce: 5 });
    const start = newYorkTime(12, '10:00');
    const day = start.slice(0, 10);
    const query = {
      organization: 'overbook-policy',
      appointmentTypeId: clinic.typeId,
      from: day,
      to: day,
      zone: 'America/New_York',
      first: false,
    };
    const open = async () =>
      (
        await findAvailability(
          { db: t.db, occupancy },
          createAvailabilityCache(0, Date.now),
          query,
          Date.now(),
        )
      ).slots.map((s) => Date.parse(s.start));
    expect(await open()).toContain(Date.parse(start));
    await bookNormally(start);
    // The provider has five extra places at 10:00, but none is offered to patients.
    expect(await open()).not.toContain(Date.parse(start));
    const patient = await addPatient(t.db, clinic.orgId);
    const me = patientActor(clinic.orgId, patient);
    expect(await outcome(booking.hold(me, deps, holdRequest(clinic, patient, start)))).toBe(
      'slot-taken',
    );
    expect(
      await outcome(
        booking.hold(me, deps, holdRequest(clinic, patient, start, { overbookReason: 'urgent' })),
      ),
    ).toBe('forbidden');
    expect(await lanesAt(start)).toEqual([0]);
  });
});
