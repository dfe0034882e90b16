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
import { DomainError, NotFound } from '../../platform/http/errors.ts';
import { createTestClock, minutes } from '../../platform/time/clock.ts';
import { createAudit } from '../audit/audit.service.ts';
import * as directory from '../directory/directory.rules-service.ts';
import * as booking from './booking.service.ts';
import * as store from './booking.store.ts';

let t: TestDb;
let clinic: Clinic;
let deps: booking.BookingDeps;
let alice: string;
let bob: string;
const changed: string[] = [];
// The app's clock, started at the real time (the requests name real dates) and moved by tests.
const clock = createTestClock(new Date());

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 2 });
  alice = await addPatient(t.db, clinic.orgId);
  bob = await addPatient(t.db, clinic.orgId);
  deps = {
    db: t.db,
    holdMinutes: 10,
    now: () => clock.now().getTime(),
    videoUrlTemplate: 'https://video.invalid/room/{room}',
    onChange: (_org, providers) => changed.push(...providers),
  };
});
afterAll(() => t.drop());

function request(patientId: string, start: string, over: Record<string, unknown> = {}) {
  return holdRequest(clinic, patientId, start, over);
}

async function problem(p: Promise<unknown>) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

const staff = () => staffOf(clinic.orgId);

describe('holding and confirming a slot', () => {
  it('a patient holds a time, the front desk confirms it, and both steps leave history and audit', async () => {
    const start = newYorkTime(7);
    const held = await booking.hold(patientActor(clinic.orgId, alice), deps, request(alice, start));
    expect(held).toMatchObject({ status: 'held', start, patientId: alice });
    expect(Date.parse(held.holdExpiresAt!)).toBe(clock.now().getTime() + minutes(10));
    const booked = await booking.transition(staff(), deps, clinic.orgId, held.id, 'confirm');
    expect(booked.status).toBe('booked');
    expect((await store.listEvents(t.db, held.id)).map((e) => e.to_status)).toEqual([
      'held',
      'booked',
    ]);
    const { rows } = await t.db.query<{ action: string }>(
      'select action from audit_events where resource_id = $1 order by seq',
      [held.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['booking.held', 'booking.booked']);
    expect(changed).toContain(clinic.providerIds[0]);
  });

  it('a second request for a taken time is a 409 slot-taken offering the nearest open times', async () => {
    const start = newYorkTime(8);
    await booking.hold(staff(), deps, request(alice, start, { confirm: true }));
    const err = await problem(booking.hold(staff(), deps, request(bob, start)));
    expect(err).toMatchObject({ status: 409, slug: 'slot-taken' });
    const alternatives = err.extensions!.alternatives as { start: string; providerId: string }[];
    expect(alternatives.length).toBe(3);
    // Nearest first: the same time with the other provider, then the chosen provider's half
    // hours either side (only one colleague's time, however near the colleague's others are).
    expect(alternatives[0]).toMatchObject({ start, providerId: clinic.providerIds[1] });
    expect(alternatives.slice(1).map((a) => a.providerId)).toEqual([
      clinic.providerIds[0],
      clinic.providerIds[0],
    ]);
    const gaps = alternatives.map((a) => Math.abs(Date.parse(a.start) - Date.parse(start)));
    expect(gaps.slice(1)).toEqual([30 * 60_000, 30 * 60_000]);
    expect(alternatives).not.toContainEqual(
      expect.objectContaining({ start, providerId: clinic.providerIds[0] }),
    );
  });

  it('the database itself refuses an overlapping range, even if the application checks were skipped', async () => {
    const start = newYorkTime(8);
    const s = new Date(start);
    const e = new Date(s.getTime() + 15 * 60_000);
    const id = await t.db.transaction((tx) =>
      store.insertAppointment(
        tx,
        {
          organizationId: clinic.orgId,
          appointmentTypeId: clinic.typeId,
          providerId: clinic.providerIds[0]!,
          locationId: clinic.locationId,
          patientId: bob,
          modality: 'in_person',
          status: 'booked',
          start: s,
          end: e,
          during: [s, e],
          lane: 0,
          overbookReason: null,
          holdExpiresAt: null,
          rescheduledFrom: null,
          videoRoom: null,
        },
        { actorType: 'system', actorId: 'test', reasonCode: null },
        createAudit(tx).inStatement(
          {
            actor: { type: 'system', job: 'test' },
            action: 'booking.booked',
            resourceType: 'appointment',
            organizationId: clinic.orgId,
            patientId: bob,
            outcome: 'success',
          },
          'a',
        ),
      ),
    );
    expect(id).toBeUndefined();
    // The audit event is part of the refused statement: no booking, no event.
    const events = await t.db.query(`select 1 from audit_events where actor_id = 'test'`);
    expect(events.rows).toEqual([]);
  });

  it('an expired hold never blocks: the next booking clears it', async () => {
    const start = newYorkTime(9);
    const first = await booking.hold(
      patientActor(clinic.orgId, alice),
      deps,
      request(alice, start),
    );
    clock.advance(minutes(10));
    const second = await booking.hold(patientActor(clinic.orgId, bob), deps, request(bob, start));
    expect(second.status).toBe('held');
    expect((await store.findAppointment(t.db, clinic.orgId, first.id))!.status).toBe('expired');
    const late = await problem(
      booking.transition(
        patientActor(clinic.orgId, alice),
        deps,
        clinic.orgId,
        first.id,
        'confirm',
      ),
    );
    expect(late).toMatchObject({
      status: 409,
      slug: 'invalid-transition',
      extensions: { currentState: 'expired' },
    });
  });

  it('the sweeper turns every hold past its expiry into expired, audited to its clinic and patient', async () => {
    const held = await booking.hold(
      patientActor(clinic.orgId, alice),
      deps,
      request(alice, newYorkTime(9, '14:00')),
    );
    // A minute before its expiry the sweeper leaves it; at its expiry, by the app's clock, it goes.
    clock.advance(minutes(9));
    await booking.sweepExpiredHolds(deps);
    expect((await store.findAppointment(t.db, clinic.orgId, held.id))!.status).toBe('held');
    clock.advance(minutes(1));
    expect(await booking.sweepExpiredHolds(deps)).toBeGreaterThanOrEqual(1);
    expect((await store.findAppointment(t.db, clinic.orgId, held.id))!.status).toBe('expired');
    const { rows } = await t.db.query(
      `select actor_type, actor_id, organization_id, patient_id, outcome from audit_events
        where action = 'booking.expired' and resource_id = $1`,
      [held.id],
    );
    expect(rows).toEqual([
      {
        actor_type: 'system',
        actor_id: 'booking.sweep-holds',
        organization_id: clinic.orgId,
        patient_id: alice,
        outcome: 'success',
      },
    ]);
  });

  it('asking again for a time the patient already holds says so and names the hold', async () => {
    const start = newYorkTime(10, '15:00');
    const asAlice = patientActor(clinic.orgId, alice);
    const held = await booking.hold(asAlice, deps, request(alice, start));
    const again = await problem(booking.hold(asAlice, deps, request(alice, start)));
    expect(again).toMatchObject({
      status: 409,
      slug: 'already-held',
      extensions: { holdId: held.id, start, holdExpiresAt: held.holdExpiresAt },
    });
    // Someone else asking for the same time is still told it is taken, and nothing about the hold.
    const other = await problem(
      booking.hold(patientActor(clinic.orgId, bob), deps, request(bob, start)),
    );
    expect(other.slug).toBe('slot-taken');
    expect(JSON.stringify(other.extensions)).not.toContain(held.id);
  });

  it('a retried request with the same Idempotency-Key returns the first result', async () => {
    const body = request(bob, newYorkTime(10));
    const key = 'retry-key-0001';
    const a = await booking.hold(staff(), deps, body, { idempotencyKey: key });
    const b = await booking.hold(staff(), deps, body, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    const { rows } = await t.db.query(
      'select 1 from appointments where patient_id = $1 and starts_at = $2',
      [bob, body.start],
    );
    expect(rows).toHaveLength(1);
  });
});

describe('one Idempotency-Key sent twice at once', () => {
  it('with two different requests: one books, the other is a 422 and books nothing', async () => {
    const key = 'same-key-two-bodies';
    const [a, b] = [request(alice, newYorkTime(22)), request(bob, newYorkTime(22, '11:00'))];
    const results = await Promise.allSettled([
      booking.hold(staff(), deps, a, { idempotencyKey: key }),
      booking.hold(staff(), deps, b, { idempotencyKey: key }),
    ]);
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(refused.map((r) => (r.reason as DomainError).slug)).toEqual(['idempotency-key-reused']);
    const { rows } = await t.db.query(
      'select 1 from appointments where starts_at = any($1::timestamptz[])',
      [[a.start, b.start]],
    );
    expect(rows).toHaveLength(1);
  });

  it('with the same request: both get the one appointment', async () => {
    const body = request(bob, newYorkTime(23));
    const [a, b] = await Promise.all([
      booking.hold(staff(), deps, body, { idempotencyKey: 'same-key-same-body' }),
      booking.hold(staff(), deps, body, { idempotencyKey: 'same-key-same-body' }),
    ]);
    expect(b.id).toBe(a.id);
  });
});

describe('the appointment lifecycle', () => {
  it('an invalid transition is a 409 naming the current state', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(11), { confirm: true }),
    );
    const early = await problem(
      booking.transition(staff(), deps, clinic.orgId, appt.id, 'complete'),
    );
    expect(early).toMatchObject({ status: 409, extensions: { currentState: 'booked' } });
    expect(early.message).toBe('The appointment is booked; it cannot be completed.');
    // Checked in and completed on the day, at its start (booking.visit-window.test.ts: the windows).
    const onTheDay = { ...deps, now: () => Date.parse(appt.start) };
    await booking.transition(staff(), onTheDay, clinic.orgId, appt.id, 'checkIn');
    const done = await booking.transition(staff(), onTheDay, clinic.orgId, appt.id, 'complete');
    expect(done.status).toBe('completed');
    const again = await problem(
      booking.transition(staff(), deps, clinic.orgId, appt.id, 'cancel', {
        body: { reasonCode: 'other' },
      }),
    );
    expect(again.extensions).toEqual({ currentState: 'completed' });
  });

  it('cancelling frees the time for someone else', async () => {
    const start = newYorkTime(12);
    const appt = await booking.hold(staff(), deps, request(alice, start, { confirm: true }));
    const cancelled = await booking.transition(staff(), deps, clinic.orgId, appt.id, 'cancel', {
      body: { reasonCode: 'patient_request' },
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'patient_request' });
    expect((await booking.hold(staff(), deps, request(bob, start))).status).toBe('held');
  });

  it('rescheduling books the new time and cancels the old one together', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(13), { confirm: true }),
    );
    const moved = await booking.reschedule(staff(), deps, clinic.orgId, appt.id, {
      start: newYorkTime(13, '15:00'),
    });
    expect(moved).toMatchObject({
      status: 'booked',
      rescheduledFrom: appt.id,
      start: newYorkTime(13, '15:00'),
    });
    const old = await booking.getAppointment(staff(), deps, clinic.orgId, appt.id);
    expect(old).toMatchObject({ status: 'cancelled', cancelReason: 'rescheduled' });
  });

  it('rescheduling onto a taken time leaves the old appointment untouched', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(14), { confirm: true }),
    );
    await booking.hold(staff(), deps, request(bob, newYorkTime(14, '16:00'), { confirm: true }));
    const err = await problem(
      booking.reschedule(staff(), deps, clinic.orgId, appt.id, { start: newYorkTime(14, '16:00') }),
    );
    expect(err.slug).toBe('slot-taken');
    expect((await booking.getAppointment(staff(), deps, clinic.orgId, appt.id)).status).toBe(
      'booked',
    );
  });

  it('a patient cannot cancel inside the cut-off; staff can, with a logged override reason', async () => {
    // Open hours around the clock for this provider so a visit a few hours out is bookable.
    await t.db.query(
      `insert into date_overrides (organization_id, provider_id, location_id, on_date, start_time, end_time)
       select $1, $2, $3, current_date + i, '00:00', '23:59' from generate_series(-2, 2) i`,
      [clinic.orgId, clinic.providerIds[1], clinic.locationId],
    );
    // The first half hour two or more hours out that starts between 01:00 and 21:00 in the
    // clinic's zone (so the visit and its buffers end before midnight): inside the cut-off.
    let at = Math.ceil((clock.now().getTime() + 2 * 3_600_000) / 1_800_000) * 1_800_000;
    const localHour = (ms: number) =>
      Number(
        new Intl.DateTimeFormat('en-US', {
          timeZone: 'America/New_York',
          hour: 'numeric',
          hourCycle: 'h23',
        }).format(ms),
      );
    while (localHour(at) < 1 || localHour(at) >= 21) at += 1_800_000;
    const start = new Date(at).toISOString();
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, start, { providerId: clinic.providerIds[1], confirm: true }),
    );
    const asPatient = await problem(
      booking.transition(patientActor(clinic.orgId, alice), deps, clinic.orgId, appt.id, 'cancel', {
        body: { reasonCode: 'patient_request' },
      }),
    );
    expect(asPatient).toMatchObject({ status: 409, slug: 'cutoff-passed' });
    const noReason = await problem(
      booking.transition(staff(), deps, clinic.orgId, appt.id, 'cancel', {
        body: { reasonCode: 'patient_request' },
      }),
    );
    expect(noReason.slug).toBe('cutoff-passed');
    await booking.transition(staff(), deps, clinic.orgId, appt.id, 'cancel', {
      body: { reasonCode: 'patient_request', overrideReason: 'patient_called' },
    });
    const events = await store.listEvents(t.db, appt.id);
    expect(events.at(-1)).toMatchObject({
      to_status: 'cancelled',
      override_reason: 'patient_called',
    });
  });

  it('a stale version (If-Match) is refused with 412 and changes nothing', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(15), { confirm: true }),
    );
    const err = await problem(
      booking.transition(staff(), deps, clinic.orgId, appt.id, 'checkIn', {
        expectedVersion: appt.version + 1,
      }),
    );
    expect(err.status).toBe(412);
    expect((await booking.getAppointment(staff(), deps, clinic.orgId, appt.id)).status).toBe(
      'booked',
    );
  });
});

describe('overbooking, resources and telehealth', () => {
  it('staff may overbook once with a reason; the capped lane refuses a second', async () => {
    const start = newYorkTime(16);
    await booking.hold(staff(), deps, request(alice, start, { confirm: true }));
    const extra = await booking.hold(
      staff(),
      deps,
      request(bob, start, { confirm: true, overbookReason: 'urgent' }),
    );
    expect(extra.overbooked).toBe(true);
    const third = await addPatient(t.db, clinic.orgId);
    const err = await problem(
      booking.hold(
        staff(),
        deps,
        request(third, start, { confirm: true, overbookReason: 'urgent' }),
      ),
    );
    // Without a policy the provider has one extra place: the database refuses a second.
    expect(err.slug).toBe('overbook-cap-reached');
  });

  it('a patient may not overbook, and another patient (no consent) looks like nothing', async () => {
    const other = await problem(
      booking.hold(patientActor(clinic.orgId, alice), deps, request(bob, newYorkTime(17))),
    );
    expect(other.status).toBe(404);
    const overbook = await problem(
      booking.hold(
        patientActor(clinic.orgId, alice),
        deps,
        request(alice, newYorkTime(17), { overbookReason: 'urgent' }),
      ),
    );
    expect(overbook.status).toBe(403);
  });

  it('a patient cannot see another patient’s appointment: it looks like nothing is there', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(18), { confirm: true }),
    );
    await expect(
      booking.getAppointment(patientActor(clinic.orgId, bob), deps, clinic.orgId, appt.id),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('the join link of a telehealth visit is shown to the signed-in patient only, without PHI', async () => {
    const appt = await booking.hold(
      staff(),
      deps,
      request(alice, newYorkTime(19), { modality: 'telehealth', confirm: true }),
    );
    expect(appt.joinUrl).toBeNull();
    const mine = await booking.getAppointment(
      patientActor(clinic.orgId, alice),
      deps,
      clinic.orgId,
      appt.id,
    );
    expect(mine.joinUrl).toMatch(/^https:\/\/video\.invalid\/room\/[A-Za-z0-9_-]{22}$/);
    expect(mine.joinUrl).not.toContain(alice);
  });

  it('an in-person visit takes the room; with the room taken, another provider can still see the patient by video', async () => {
    const typeId = await directory.createAppointmentType(clinic.manager, t.db, clinic.orgId, {
      name: 'Procedure',
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person', 'telehealth'],
      requiredResourceKinds: ['room'],
      scope: clinic.providerIds.map((providerId) => ({
        providerId,
        locationId: clinic.locationId,
      })),
    });
    const start = newYorkTime(20);
    const first = await booking.hold(
      staff(),
      deps,
      request(alice, start, { appointmentTypeId: typeId }),
    );
    expect(first.resourceIds).toEqual([clinic.roomId]);
    const second = { appointmentTypeId: typeId, providerId: clinic.providerIds[1] };
    const err = await problem(booking.hold(staff(), deps, request(bob, start, second)));
    expect(err.slug).toBe('slot-taken');
    const video = await booking.hold(
      staff(),
      deps,
      request(bob, start, { ...second, modality: 'telehealth' }),
    );
    expect(video).toMatchObject({ status: 'held', resourceIds: [] });
  });
});

describe('simultaneous requests for one slot (embedded database)', () => {
  it('twenty at once give exactly one hold and nineteen slot-taken', async () => {
    const start = newYorkTime(21);
    const patients = await Promise.all(
      Array.from({ length: 20 }, () => addPatient(t.db, clinic.orgId)),
    );
    const results = await Promise.allSettled(
      patients.map((p) => booking.hold(staff(), deps, request(p, start))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as DomainError).slug)).toEqual(
      Array(19).fill('slot-taken'),
    );
  });
});
