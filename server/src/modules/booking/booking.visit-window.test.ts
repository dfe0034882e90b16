import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newYorkTime } from '../../../test/clinic.ts';
import { book, openConsoleClinic, type ConsoleClinic } from '../../../test/console-clinic.ts';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { defaultVisitPolicy, visitActions } from './booking.visit-window.ts';

// The clinic's day: check-in opens an hour before a visit and closes half an hour after its start
// (the defaults), in person only; a visit is completed or marked a no-show once it has started.
// The scenarios run through tomorrow in order, the app's clock moving forward.

let h: IdentityApp;
let c: ConsoleClinic;
let patient: TestAccount;
let otherPatient: TestAccount;
const visits: Record<string, { id: string; start: string }> = {};
const minute = 60_000;

/** Moves the app's clock to `instant`, with the accounts signed in there. */
async function at(instant: number, ...accounts: TestAccount[]): Promise<Client[]> {
  // Each sign-in's TOTP step moves the clock 30 s: start early enough to arrive at `instant`.
  h.clock.set(new Date(instant - accounts.length * 30_000));
  const clients: Client[] = [];
  for (const a of accounts) clients.push(await signIn(h, a));
  h.clock.set(new Date(instant));
  return clients;
}
const startOf = (name: string) => Date.parse(visits[name]!.start);
const post = (client: Client, name: string, action: string) =>
  client.post(`/api/appointments/${visits[name]!.id}/${action}`);

beforeAll(async () => {
  h = await startIdentityApp();
  h.clock.set(new Date());
  c = await openConsoleClinic(h, 'visit-windows');
  patient = await addAccount(h, c.org, { kind: 'patient' });
  otherPatient = await addAccount(h, c.org, { kind: 'patient' });
  const desk = await signIn(h, c.desk);
  const own = patient.account.patient_id!;
  const other = otherPatient.account.patient_id!;
  const [p0, p1] = c.providerIds as [string, string];
  const plan: [string, string, string, string, string][] = [
    ['early', '10:00', p0, own, 'in_person'],
    ['noShow', '10:00', p1, other, 'in_person'],
    ['onTime', '11:00', p0, own, 'in_person'],
    ['late', '11:00', p1, other, 'in_person'],
    ['video', '12:00', p0, own, 'telehealth'],
    ['notArrived', '12:00', p1, other, 'in_person'],
    ['mine', '13:00', p0, own, 'in_person'],
    ['theirs', '13:00', p1, other, 'in_person'],
    ['later', '14:00', p0, own, 'in_person'],
  ];
  for (const [name, time, providerId, patientId, modality] of plan) {
    visits[name] = await book(desk, c, patientId, newYorkTime(1, time), { providerId, modality });
  }
});
afterAll(() => h.close());

describe('check-in at the desk', () => {
  it('is refused twelve days early and a minute before the window, naming when it opens', async () => {
    const start = startOf('early');
    // A desk that has not signed in since: the clock goes back twelve days for it.
    const earlyDesk = await addAccount(h, c.org, { roles: ['front_desk'] });
    const [desk] = await at(start - 12 * 24 * 60 * minute, earlyDesk);
    const twelveDays = await post(desk!, 'early', 'check-in');
    expect(twelveDays.statusCode).toBe(409);
    expect(twelveDays.json()).toMatchObject({
      type: 'urn:hourglass:problem:check-in-not-open',
      opensAt: new Date(start - 60 * minute).toISOString(),
      closesAt: new Date(start + 30 * minute).toISOString(),
    });
    const [deskLater] = await at(start - 61 * minute, c.desk);
    const early = await post(deskLater!, 'early', 'check-in');
    expect(early.json().type).toBe('urn:hourglass:problem:check-in-not-open');
    expect((await deskLater!.get(`/api/appointments/${visits.early!.id}`)).json().status).toBe(
      'booked',
    );
  });

  it('opens an hour before the start', async () => {
    const [desk] = await at(startOf('early') - 60 * minute, c.desk);
    const res = await post(desk!, 'early', 'check-in');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('checked_in');
  });
});

describe('completing a visit and marking a no-show', () => {
  it('a checked-in visit is completed only once it has started', async () => {
    const start = startOf('early');
    const [clinician] = await at(start - minute, c.clinician);
    const before = await post(clinician!, 'early', 'complete');
    expect(before.statusCode).toBe(409);
    expect(before.json()).toMatchObject({
      type: 'urn:hourglass:problem:visit-not-started',
      startsAt: new Date(start).toISOString(),
    });
    h.clock.set(new Date(start));
    const done = await post(clinician!, 'early', 'complete');
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
  });

  it('a no-show is marked only once the visit has started', async () => {
    const start = startOf('noShow');
    const [desk] = await at(start - minute, c.desk);
    const before = await post(desk!, 'noShow', 'no-show');
    expect(before.json().type).toBe('urn:hourglass:problem:visit-not-started');
    h.clock.set(new Date(start + 5 * minute));
    expect((await post(desk!, 'noShow', 'no-show')).json().status).toBe('no_show');
  });
});

describe('check-in closes half an hour after the start, and is for in-person visits', () => {
  it('is still open a moment before half an hour after the start, and closed at it', async () => {
    const start = startOf('onTime');
    const [desk] = await at(start + 30 * minute - 1000, c.desk);
    expect((await post(desk!, 'onTime', 'check-in')).json().status).toBe('checked_in');
    h.clock.set(new Date(start + 30 * minute));
    const late = await post(desk!, 'late', 'check-in');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      type: 'urn:hourglass:problem:check-in-closed',
      closedAt: new Date(start + 30 * minute).toISOString(),
    });
  });

  it('is for in-person visits only: a telehealth visit is refused', async () => {
    const [desk] = await at(startOf('video') - 5 * minute, c.desk);
    const res = await post(desk!, 'video', 'check-in');
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:hourglass:problem:check-in-in-person-only');
  });
});

describe('a visit without an arrival', () => {
  it('is completed from booked when it is telehealth; an in-person one is checked in first', async () => {
    const [clinician] = await at(startOf('video') + 5 * minute, c.clinician);
    const video = await post(clinician!, 'video', 'complete');
    expect(video.statusCode).toBe(200);
    expect(video.json().status).toBe('completed');
    const [desk] = await at(startOf('notArrived') + 6 * minute, c.desk);
    const inPerson = await post(desk!, 'notArrived', 'complete');
    expect(inPerson.statusCode).toBe(409);
    expect(inPerson.json()).toMatchObject({
      type: 'urn:hourglass:problem:invalid-transition',
      currentState: 'booked',
    });
  });
});

describe('a patient checks themselves in ("I’m here")', () => {
  it('for their own in-person visit, inside the window, and nothing more', async () => {
    const [me] = await at(startOf('mine') - 10 * minute, patient);
    const early = await post(me!, 'later', 'check-in');
    expect(early.json().type).toBe('urn:hourglass:problem:check-in-not-open');
    const notMine = await post(me!, 'theirs', 'check-in');
    expect(notMine.statusCode).toBe(404);
    const noShow = await post(me!, 'mine', 'no-show');
    expect(noShow.statusCode).toBe(403);

    const res = await post(me!, 'mine', 'check-in');
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('checked_in');
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['booking.checked_in', 'patient', patient.account.id],
    ]);
  });
});

describe('the organization’s visit policy', () => {
  it('managers read the defaults and set their own windows, audited; check-in follows them', async () => {
    const start = startOf('later');
    const [manager, desk] = await at(start - 100 * minute, c.managerAccount, c.desk);
    const defaults = await manager!.get('/api/admin/visit-policy');
    expect(defaults.json()).toEqual({ ...defaultVisitPolicy, version: 0, updatedAt: null });
    expect((await post(desk!, 'later', 'check-in')).statusCode).toBe(409);

    const set = await manager!.request('PUT', '/api/admin/visit-policy', {
      checkInOpensMinutesBefore: 120,
      checkInClosesMinutesAfter: 15,
      videoJoinOpensMinutesBefore: 5,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      checkInOpensMinutesBefore: 120,
      checkInClosesMinutesAfter: 15,
      videoJoinOpensMinutesBefore: 5,
      version: 1,
      updatedAt: h.clock.now().toISOString(),
    });
    const events = await listAuditEvents(h.db, { requestId: String(set.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['booking.visit_policy.update', 'success'],
    ]);
    expect((await post(desk!, 'later', 'check-in')).json().status).toBe('checked_in');
    const schedule = await desk!.get(
      `/api/locations/${c.locationId}/schedule?from=2020-01-01&to=2020-01-01`,
    );
    expect(schedule.json().visitPolicy.checkInOpensMinutesBefore).toBe(120);
  });

  it('refuses values out of bounds, naming the field, and anyone but managers and admins', async () => {
    const [manager, desk] = await at(h.clock.now().getTime() + minute, c.managerAccount, c.desk);
    const tooEarly = await manager!.request('PUT', '/api/admin/visit-policy', {
      checkInOpensMinutesBefore: 241,
      checkInClosesMinutesAfter: 15,
      videoJoinOpensMinutesBefore: 5,
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().errors[0].pointer).toBe('/body/checkInOpensMinutesBefore');
    expect((await manager!.get('/api/admin/visit-policy')).json().version).toBe(1);
    expect((await desk!.get('/api/admin/visit-policy')).statusCode).toBe(403);
    const put = await desk!.request('PUT', '/api/admin/visit-policy', defaultVisitPolicy);
    expect(put.statusCode).toBe(403);
  });
});

describe('visitActions: what a patient’s appointment list offers now', () => {
  const start = '2030-03-04T15:00:00.000Z';
  const end = '2030-03-04T15:30:00.000Z';
  const inPerson = { modality: 'in_person', status: 'booked', start, end } as const;
  const video = { ...inPerson, modality: 'telehealth' } as const;
  const t = (iso: string) => new Date(iso);

  it('offers check-in inside the window of a booked in-person visit only', () => {
    expect(visitActions(inPerson, t('2030-03-04T13:59:59Z'), defaultVisitPolicy)).toEqual({
      canCheckIn: false,
      checkInOpensAt: '2030-03-04T14:00:00.000Z',
      checkInClosesAt: '2030-03-04T15:30:00.000Z',
      canJoinVideo: false,
      joinOpensAt: null,
    });
    expect(visitActions(inPerson, t('2030-03-04T14:00:00Z'), defaultVisitPolicy).canCheckIn).toBe(
      true,
    );
    expect(visitActions(inPerson, t('2030-03-04T15:30:00Z'), defaultVisitPolicy).canCheckIn).toBe(
      false,
    );
    const cancelled = { ...inPerson, status: 'cancelled' } as const;
    expect(visitActions(cancelled, t('2030-03-04T14:30:00Z'), defaultVisitPolicy).canCheckIn).toBe(
      false,
    );
  });

  it('offers the video of a telehealth visit from ten minutes before until the end', () => {
    const before = visitActions(video, t('2030-03-04T14:49:59Z'), defaultVisitPolicy);
    expect(before).toEqual({
      canCheckIn: false,
      checkInOpensAt: null,
      checkInClosesAt: null,
      canJoinVideo: false,
      joinOpensAt: '2030-03-04T14:50:00.000Z',
    });
    expect(visitActions(video, t('2030-03-04T14:50:00Z'), defaultVisitPolicy).canJoinVideo).toBe(
      true,
    );
    const during = { ...video, status: 'checked_in' } as const;
    expect(visitActions(during, t('2030-03-04T15:29:59Z'), defaultVisitPolicy).canJoinVideo).toBe(
      true,
    );
    expect(visitActions(video, t('2030-03-04T15:30:00Z'), defaultVisitPolicy).canJoinVideo).toBe(
      false,
    );
  });
});
