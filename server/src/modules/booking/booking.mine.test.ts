import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signIn, addAccount } from '../../../test/identity-fixtures.ts';
import { startPortal, type Portal } from '../../../test/portal.ts';
import { hours, minutes } from '../../platform/time/clock.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { patientAppointments } from './booking.patient-appointments.ts';
import * as booking from './booking.service.ts';

let p: Portal;
// Alice's visits, by name: five booked on days 1–5, a live hold on day 6, one cancelled on day 7.
const visits: Record<string, string> = {};
let bobsVisit: string;

beforeAll(async () => {
  p = await startPortal('mine');
  for (const day of [1, 2, 3, 4, 5]) visits[`day${day}`] = (await p.book(p.alice, p.at(day))).id;
  const hold = await p.hold(p.alice, p.at(6), { modality: 'telehealth' });
  expect(hold.statusCode).toBe(201);
  visits.hold = hold.json().id;
  visits.cancelled = (await p.book(p.alice, p.at(7))).id;
  await booking.transition(p.desk, p.h.booking, p.org.id, visits.cancelled, 'cancel', {
    body: { reasonCode: 'patient_request' },
  });
  bobsVisit = (await p.book(p.bob, p.at(2, '11:00'))).id;
});
afterAll(() => p.h.close());

type Item = {
  id: string;
  status: string;
  start: string;
  appointmentType: { name: string };
  provider: { displayName: string };
  location: { name: string; timeZone: string; phone: string; address: { city: string } };
  actions: Record<string, unknown>;
};

/** Every page of a list, following nextCursor; returns the ids in order and the pages' cursors. */
async function allPages(c: Client, query: string) {
  const ids: string[] = [];
  const items: Item[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(
      `/api/me/appointments?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { appointments: Item[]; nextCursor: string | null };
    items.push(...body.appointments);
    ids.push(...body.appointments.map((a) => a.id));
    cursor = body.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { ids, items, cursors };
}

describe('GET /api/me/appointments', () => {
  it('lists my upcoming visits soonest first, a page at a time, each with what the portal shows', async () => {
    const c = await p.as(p.alice);
    const { ids, items, cursors } = await allPages(c, 'when=upcoming&limit=2');
    expect(ids).toEqual([
      visits.day1,
      visits.day2,
      visits.day3,
      visits.day4,
      visits.day5,
      visits.hold,
    ]);
    expect(cursors).toHaveLength(2);
    // The cursor is opaque and names no time: it holds an appointment id and nothing else.
    for (const cursor of cursors) {
      expect(Buffer.from(cursor, 'base64url').toString()).not.toMatch(/\d{4}-\d\d-\d\d|T\d\d:/);
    }
    const first = items[0]!;
    expect(first).toMatchObject({
      status: 'booked',
      start: p.at(1),
      appointmentType: { name: 'Follow-up' },
      provider: { displayName: 'Dr. Test 1' },
      location: {
        name: 'Main',
        timeZone: 'America/New_York',
        phone: '+1 555 0100',
        address: { city: 'Boston' },
      },
      actions: {
        canConfirm: false,
        canCancel: true,
        cancelCutoffAt: new Date(Date.parse(p.at(1)) - hours(24)).toISOString(),
        canReschedule: true,
        canCheckIn: false,
        canJoinVideo: false,
      },
    });
    // The live hold: confirmable, cancellable without a cut-off (a hold is not yet a visit).
    expect(items.at(-1)).toMatchObject({
      status: 'held',
      actions: { canConfirm: true, canCancel: true, cancelCutoffAt: null },
    });
    expect(ids).not.toContain(bobsVisit);
  });

  it('is audited as one list read naming the appointments returned and the patient', async () => {
    const c = await p.as(p.alice);
    const res = await c.get('/api/me/appointments?limit=3');
    const events = await listAuditEvents(p.h.db, {
      requestId: String(res.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome, e.patient_id])).toEqual([
      ['booking.list', 'success', p.alice.account.patient_id],
    ]);
    expect(events[0]!.resource_ids).toEqual(
      res.json().appointments.map((a: { id: string }) => a.id),
    );
  });

  it('tells the truth about the cut-off at its very edge, and the changes agree', async () => {
    const startOf = async (id: string) =>
      Date.parse((await booking.getAppointment(p.desk, p.h.booking, p.org.id, id)).start);
    const day3 = await startOf(visits.day3!);
    const day4 = await startOf(visits.day4!);

    // One millisecond past day 3's cut-off: no online cancel or reschedule, and the API refuses.
    p.h.clock.set(new Date(day3 - hours(24) + 1));
    let c = await p.as(p.alice);
    const after = (await allPages(c, 'limit=50')).items.find((a) => a.id === visits.day3)!;
    expect(after.actions).toMatchObject({
      canCancel: false,
      canReschedule: false,
      cancelCutoffAt: new Date(day3 - hours(24)).toISOString(),
    });
    const refused = await c.post(`/api/appointments/${visits.day3}/cancel`, {
      reasonCode: 'patient_request',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:hourglass:problem:cutoff-passed');

    // Exactly at day 4's cut-off: still allowed, and the cancel goes through.
    p.h.clock.set(new Date(day4 - hours(24)));
    c = await p.as(p.alice);
    const at = (await allPages(c, 'limit=50')).items.find((a) => a.id === visits.day4)!;
    expect(at.actions).toMatchObject({ canCancel: true, canReschedule: true });
    const cancelled = await c.post(`/api/appointments/${visits.day4}/cancel`, {
      reasonCode: 'patient_request',
    });
    expect(cancelled.statusCode).toBe(200);
  });

  it('lists what is over or cancelled as past, latest first; an expired hold is in neither list and reads expired at once', async () => {
    // The clock is now on day 3 (previous test): day 1 and 2 are over, the hold lapsed long ago.
    const c = await p.as(p.alice);
    const upcoming = (await allPages(c, 'when=upcoming')).ids;
    const past = (await allPages(c, 'when=past&limit=1')).ids;
    expect(past).toEqual([visits.cancelled, visits.day4, visits.day2, visits.day1]);
    expect(upcoming).toEqual([visits.day3, visits.day5]);
    // Not swept yet (no sweeper ran): the row still says held, every answer says expired.
    const { rows } = await p.h.db.query('select status from appointments where id = $1', [
      visits.hold,
    ]);
    expect(rows).toEqual([{ status: 'held' }]);
    const hold = (await c.get(`/api/appointments/${visits.hold}`)).json();
    expect(hold).toMatchObject({ status: 'expired', holdExpiresAt: null, joinUrl: null });
  });

  it('shows a hold as expired the moment its time is up, by the app’s clock', async () => {
    const held = await p.hold(p.bob, p.at(3, '15:00'), { providerId: p.clinic.providerIds[1] });
    const bob = await p.as(p.bob);
    expect(held.statusCode).toBe(201);
    // The patients module's list of the patient's appointments reads the same clock.
    const inRecord = async () =>
      (await patientAppointments(p.h.db, p.org.id, p.bob.account.patient_id!, p.h.clock.now())).map(
        (a) => a.id,
      );
    p.h.clock.advance(minutes(p.h.booking.holdMinutes) - 1);
    expect((await bob.get(`/api/appointments/${held.json().id}`)).json().status).toBe('held');
    expect(await inRecord()).toContain(held.json().id);
    p.h.clock.advance(1);
    expect((await bob.get(`/api/appointments/${held.json().id}`)).json().status).toBe('expired');
    const upcoming = (await bob.get('/api/me/appointments')).json().appointments;
    expect(upcoming.map((a: { id: string }) => a.id)).not.toContain(held.json().id);
    expect(await inRecord()).not.toContain(held.json().id);
  });

  it('offers "I’m here" only inside the clinic’s check-in window on the day, and the check-in agrees', async () => {
    const c0 = await p.as(p.alice);
    const day5 = Date.parse((await c0.get(`/api/appointments/${visits.day5}`)).json().start);
    const actionsAt = async (t: number) => {
      p.h.clock.set(new Date(t));
      const c = await p.as(p.alice);
      const items = (await allPages(c, 'limit=50')).items;
      return { c, actions: items.find((a) => a.id === visits.day5)!.actions };
    };
    // The default policy: opens 60 minutes before the start, closes 30 minutes after it.
    const early = await actionsAt(day5 - minutes(61));
    expect(early.actions).toMatchObject({
      canCheckIn: false,
      checkInOpensAt: new Date(day5 - minutes(60)).toISOString(),
      checkInClosesAt: new Date(day5 + minutes(30)).toISOString(),
      canJoinVideo: false,
      joinOpensAt: null,
    });
    const open = await actionsAt(day5 - minutes(60));
    expect(open.actions.canCheckIn).toBe(true);
    const checkedIn = await open.c.post(`/api/appointments/${visits.day5}/check-in`, {});
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    expect(checkedIn.json().status).toBe('checked_in');
  });

  it('a patient cannot list or fetch another patient’s appointments: they look like nothing', async () => {
    const c = await p.as(p.alice);
    const theirs = await c.get(`/api/me/appointments?patientId=${p.bob.account.patient_id}`);
    expect(theirs.statusCode).toBe(404);
    const own = await c.get(`/api/me/appointments?patientId=${p.alice.account.patient_id}`);
    expect(own.statusCode).toBe(200);
    expect((await c.get(`/api/appointments/${bobsVisit}`)).statusCode).toBe(404);
    const refused = await listAuditEvents(p.h.db, {
      requestId: String(theirs.headers['x-request-id']),
    });
    expect(refused.map((e) => [e.action, e.outcome])).toEqual([['booking.list', 'failed']]);
  });

  it('is for patients: staff are refused, and nobody signed in is asked to sign in', async () => {
    const desk = await signIn(p.h, await addAccount(p.h, p.org, { roles: ['front_desk'] }));
    expect((await desk.get('/api/me/appointments')).statusCode).toBe(403);
    expect((await new Client(p.h).get('/api/me/appointments')).statusCode).toBe(401);
  });

  it('refuses a bad page size, an unknown list and a cursor that is not this list’s', async () => {
    const c = await p.as(p.alice);
    const pointer = async (q: string) => {
      const res = await c.get(`/api/me/appointments?${q}`);
      expect(res.statusCode, q).toBe(400);
      return res.json().errors[0].pointer as string;
    };
    expect(await pointer('limit=0')).toBe('/query/limit');
    expect(await pointer('limit=51')).toBe('/query/limit');
    expect(await pointer('when=soon')).toBe('/query/when');
    expect(await pointer('cursor=not-a-cursor')).toBe('/query/cursor');
    const pastCursor = (await c.get('/api/me/appointments?when=past&limit=1')).json().nextCursor;
    expect(await pointer(`when=upcoming&cursor=${pastCursor}`)).toBe('/query/cursor');
    const bobs = Buffer.from(JSON.stringify({ v: 1, w: 'upcoming', a: bobsVisit })).toString(
      'base64url',
    );
    expect(await pointer(`cursor=${bobs}`)).toBe('/query/cursor');
  });
});
