import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, createClinic, staffOf, type Clinic } from '../../../test/clinic.ts';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { appointmentsForExtraReminder, levelOf, noShowRisks } from './booking.no-show-risk.ts';
import { dayRisks, overbookSuggestions } from './booking.overbook-advice.ts';
import type { Actor } from '../../platform/http/actor.ts';

// The no-show model (0106_no_show_risk.sql, docs/guides/manager.md) on a history small enough to
// work out by hand. New York; January 2030: the 7th, 14th, 21st and 28th are Mondays.
//
//  #  type  patient  status     local start        booked ahead  (lead band)
//  1  T1    P        no_show    Mon 01-07 09:00    10 days       (< 30 days)
//  2  T1    Q        completed  Mon 01-14 09:00    10 days       (< 30 days)
//  3  T1    Q        no_show    Tue 01-08 14:00    2 days        (< 7 days)
//  4  T1    Q        completed  Tue 01-15 14:00    2 days        (< 7 days)
//  5  T2    Q        completed  Mon 01-21 09:00    40 days       (longer)
//  6  T2    Q        completed  Wed 01-09 10:00    40 days       (longer)
//  7  T2    P        completed  Wed 01-16 10:00    10 days       (< 30 days)
//  8  T2    Q        completed  Tue 01-22 14:00    12 hours      (< 1 day)
//  9  T1    Q        cancelled  Mon 01-28 09:00    (not history: cancelled)
//
// Base rate b = 2/8 = 0.25; each group's rate is (no-shows + 2b) / (visits + 2).
// U: T1, P, Mon 02-04 09:00, booked 10 days ahead:
//   type 2.5/6, lead 1.5/5, Monday 1.5/5, 9 o'clock 1.5/5, P 1.5/4 → mean 0.338333… (high)
// V: T2, R (no history), Wed 02-06 10:00, booked 48 days ahead:
//   type 0.5/6, lead 0.5/4, Wednesday 0.5/4, 10 o'clock 0.5/4, R 0.5/2 → mean 0.141666… (low)

let t: TestDb;
let clinic: Clinic;
let t2: string;
let p: string;
let q: string;
let r: string;
const ids: Record<string, string> = {};
const now = new Date('2030-02-01T12:00:00Z');

/** A New York wall time in January/February 2030 (EST, UTC−5). */
const ny = (date: string, time: string) => new Date(`2030-${date}T${time}:00-05:00`);
const hour = 3_600_000;

async function seed(
  key: string,
  type: string,
  patient: string,
  status: string,
  start: Date,
  aheadHours: number,
) {
  const { rows } = await t.db.query<{ id: string }>(
    `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
       patient_id, modality, status, starts_at, ends_at, during, created_at)
     values ($1, $2, $3, $4, $5, 'in_person', $6, $7::timestamptz,
       $7::timestamptz + interval '30 minutes',
       tstzrange($7::timestamptz, $7::timestamptz + interval '30 minutes'), $8)
     returning id`,
    [
      clinic.orgId,
      type,
      clinic.providerIds[0],
      clinic.locationId,
      patient,
      status,
      start,
      new Date(start.getTime() - aheadHours * hour),
    ],
  );
  ids[key] = rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 1 });
  t2 = await directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
    name: 'Therapy',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    modalities: ['in_person'],
    scope: [{ providerId: clinic.providerIds[0]!, locationId: clinic.locationId }],
  });
  [p, q, r] = [
    await addPatient(t.db, clinic.orgId),
    await addPatient(t.db, clinic.orgId),
    await addPatient(t.db, clinic.orgId),
  ];
  const t1 = clinic.typeId;
  await seed('1', t1, p, 'no_show', ny('01-07', '09:00'), 240);
  await seed('2', t1, q!, 'completed', ny('01-14', '09:00'), 240);
  await seed('3', t1, q!, 'no_show', ny('01-08', '14:00'), 48);
  await seed('4', t1, q!, 'completed', ny('01-15', '14:00'), 48);
  await seed('5', t2, q!, 'completed', ny('01-21', '09:00'), 960);
  await seed('6', t2, q!, 'completed', ny('01-09', '10:00'), 960);
  await seed('7', t2, p, 'completed', ny('01-16', '10:00'), 240);
  await seed('8', t2, q!, 'completed', ny('01-22', '14:00'), 12);
  await seed('9', t1, q!, 'cancelled', ny('01-28', '09:00'), 240);
  await seed('U', t1, p, 'booked', ny('02-04', '09:00'), 240);
  await seed('V', t2, r!, 'booked', ny('02-06', '10:00'), 48 * 24);
});
afterAll(() => t.drop());

const week = { from: ny('02-01', '00:00'), to: ny('02-08', '00:00'), now };

describe('no-show risk on a known history', () => {
  it('scores each upcoming booking as worked out by hand, highest first', async () => {
    const risks = await noShowRisks(t.db, { organizationId: clinic.orgId, ...week });
    expect(risks.map((x) => x.appointmentId)).toEqual([ids.U, ids.V]);
    const u = (2.5 / 6 + 1.5 / 5 + 1.5 / 5 + 1.5 / 5 + 1.5 / 4) / 5;
    const v = (0.5 / 6 + 0.5 / 4 + 0.5 / 4 + 0.5 / 4 + 0.5 / 2) / 5;
    expect(risks[0]!.score).toBeCloseTo(0.338333, 6);
    expect(risks[0]!.score).toBeCloseTo(u, 10);
    expect(risks[1]!.score).toBeCloseTo(0.141667, 6);
    expect(risks[1]!.score).toBeCloseTo(v, 10);
    expect(risks.map((x) => levelOf(x.score))).toEqual(['high', 'low']);
  });

  it('a narrower range scores only its bookings, each with the same score', async () => {
    const before = await noShowRisks(t.db, { organizationId: clinic.orgId, ...week });
    const later = await noShowRisks(t.db, {
      organizationId: clinic.orgId,
      ...week,
      from: ny('02-05', '00:00'),
    });
    expect(later.map((x) => x.appointmentId)).toEqual([ids.V]);
    expect(later[0]!.score).toBeCloseTo(before[1]!.score, 10);
  });

  it('with no history every score is 0', async () => {
    const empty = await createClinic(t.db, { providers: 1 });
    const patient = await addPatient(t.db, empty.orgId);
    await t.db.query(
      `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
         patient_id, modality, status, starts_at, ends_at, during)
       values ($1, $2, $3, $4, $5, 'in_person', 'booked', $6::timestamptz,
         $6::timestamptz + interval '30 minutes',
         tstzrange($6::timestamptz, $6::timestamptz + interval '30 minutes'))`,
      [
        empty.orgId,
        empty.typeId,
        empty.providerIds[0],
        empty.locationId,
        patient,
        ny('02-04', '09:00'),
      ],
    );
    const risks = await noShowRisks(t.db, { organizationId: empty.orgId, ...week });
    expect(risks.map((x) => x.score)).toEqual([0]);
  });

  it('names the appointments that deserve an extra reminder: the high ones', async () => {
    // Every organization's, so the test keeps to this clinic's.
    const ours = async (threshold?: number) =>
      (await appointmentsForExtraReminder(t.db, { ...week, threshold })).filter(
        (x) => x.organizationId === clinic.orgId,
      );
    expect(await ours()).toEqual([
      expect.objectContaining({
        appointmentId: ids.U,
        score: expect.closeTo(0.338333, 6),
        patientId: expect.any(String),
        locationId: clinic.locationId,
        modality: 'in_person',
      }),
    ]);
    expect((await ours(0.1)).map((x) => x.appointmentId)).toEqual([ids.U, ids.V]);
  });
});

describe('what the console reads', () => {
  it("a day's risks for the front desk, and where an overbooking is safest, naming nobody", async () => {
    const desk = staffOf(clinic.orgId);
    const monday = await dayRisks(desk, t.db, now, clinic.locationId, { date: '2030-02-04' });
    expect(monday.entries).toEqual([
      expect.objectContaining({ appointmentId: ids.U, score: 0.338, level: 'high' }),
    ]);
    const safest = await overbookSuggestions(desk, t.db, now, clinic.locationId, {
      date: '2030-02-04',
    });
    expect(safest.suggestions).toEqual([
      {
        providerId: clinic.providerIds[0],
        start: ny('02-04', '09:00').toISOString(),
        end: ny('02-04', '09:30').toISOString(),
        score: 0.338,
        level: 'high',
      },
    ]);
    // Wednesday's only booking is low: nothing to suggest.
    const wednesday = { date: '2030-02-06' };
    expect(
      (await overbookSuggestions(desk, t.db, now, clinic.locationId, wednesday)).suggestions,
    ).toEqual([]);
  });

  it('holds a clinician to their own schedule and a location-limited desk to its locations', async () => {
    const other: Actor = {
      type: 'user',
      id: 'other-clinician',
      organizationId: clinic.orgId,
      roles: ['clinician'],
      providerId: crypto.randomUUID(),
    };
    const q = { date: '2030-02-04' };
    expect((await dayRisks(other, t.db, now, clinic.locationId, q)).entries).toEqual([]);
    const elsewhere: Actor = {
      type: 'user',
      id: 'desk-elsewhere',
      organizationId: clinic.orgId,
      roles: ['front_desk'],
      locationIds: [crypto.randomUUID()],
    };
    await expect(dayRisks(elsewhere, t.db, now, clinic.locationId, q)).rejects.toMatchObject({
      status: 404,
    });
  });
});
