import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newYorkTime } from '../../../test/clinic.ts';
import {
  book,
  newYorkDate,
  openConsoleClinic,
  registerPatient,
  type ConsoleClinic,
} from '../../../test/console-clinic.ts';
import {
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { createAppointmentType } from '../directory/directory.rules-service.ts';

// The staff console's schedule of a location: what each desk sees of tomorrow at the clinic.

let h: IdentityApp;
let c: ConsoleClinic;
let desk: Client;
let ada: string;
let grace: string;
const booked: Record<string, { id: string; version: number; start: string }> = {};
let day: string;
let url: string;

beforeAll(async () => {
  h = await startIdentityApp();
  // Holds expire on the database's clock: keep the app's clock beside it.
  h.clock.set(new Date());
  c = await openConsoleClinic(h, 'console-schedule');
  desk = await signIn(h, c.desk);
  ada = await registerPatient(desk, 'Ada', 'Lovelace');
  grace = await registerPatient(desk, 'Grace', 'Hopper');
  const [first, second] = c.providerIds as [string, string];
  booked.adaAt10 = await book(desk, c, ada, newYorkTime(1, '10:00'));
  booked.graceAt11 = await book(desk, c, grace, newYorkTime(1, '11:00'), { providerId: second });
  booked.holdAt12 = await book(desk, c, ada, newYorkTime(1, '12:00'), {
    providerId: first,
    confirm: false,
  });
  const procedure = await createAppointmentType(c.manager, h.db, c.orgId, {
    name: 'Procedure',
    durationMinutes: 30,
    slotIntervalMinutes: 30,
    modalities: ['in_person'],
    requiredResourceKinds: ['room'],
    scope: [{ providerId: second, locationId: c.locationId }],
  });
  booked.roomAt15 = await book(desk, c, grace, newYorkTime(1, '15:00'), {
    providerId: second,
    appointmentTypeId: procedure,
  });
  day = newYorkDate(h, 1);
  url = `/api/locations/${c.locationId}/schedule?from=${day}&to=${day}`;
});
afterAll(() => h.close());

const idsOf = (body: { entries: { id: string }[] }) => body.entries.map((e) => e.id);

describe('the schedule of a location', () => {
  it('shows the front desk every entry with the patient’s name, status, buffers and hold expiry', async () => {
    const res = await desk.get(url);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      locationId: c.locationId,
      timeZone: 'America/New_York',
      from: day,
      to: day,
      visitPolicy: {
        checkInOpensMinutesBefore: 60,
        checkInClosesMinutesAfter: 30,
        videoJoinOpensMinutesBefore: 10,
      },
      nextCursor: null,
    });
    expect(idsOf(body)).toEqual([
      booked.adaAt10!.id,
      booked.graceAt11!.id,
      booked.holdAt12!.id,
      booked.roomAt15!.id,
    ]);
    const [first, , hold] = body.entries;
    expect(first).toEqual({
      id: booked.adaAt10!.id,
      appointmentTypeId: c.typeId,
      providerId: c.providerIds[0],
      locationId: c.locationId,
      resourceIds: [],
      modality: 'in_person',
      status: 'booked',
      start: booked.adaAt10!.start,
      end: new Date(Date.parse(booked.adaAt10!.start) + 30 * 60_000).toISOString(),
      bufferedStart: new Date(Date.parse(booked.adaAt10!.start) - 10 * 60_000).toISOString(),
      bufferedEnd: new Date(Date.parse(booked.adaAt10!.start) + 35 * 60_000).toISOString(),
      holdExpiresAt: null,
      overbooked: false,
      version: booked.adaAt10!.version,
      seriesId: null,
      patient: { id: ada, displayName: 'Ada Lovelace' },
    });
    expect(body.entries[1].patient).toEqual({ id: grace, displayName: 'Grace Hopper' });
    expect(hold).toMatchObject({ status: 'held', holdExpiresAt: expect.any(String) });
  });

  it('is audited once per answer, with the ids of the appointments it showed', async () => {
    const res = await desk.get(url);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.outcome, e.actor_id])).toEqual([
      ['booking.schedule.read', 'success', c.desk.account.id],
    ]);
    expect([...(events[0]!.resource_ids ?? [])].sort()).toEqual(idsOf(res.json()).sort());
  });

  it('shows a clinician their own schedule only, with their patients’ names', async () => {
    const clinician = await signIn(h, c.clinician);
    const res = await clinician.get(url);
    expect(res.statusCode).toBe(200);
    expect(idsOf(res.json())).toEqual([booked.adaAt10!.id, booked.holdAt12!.id]);
    expect(res.json().entries[0].patient.displayName).toBe('Ada Lovelace');

    const theirs = await clinician.get(`${url}&providers=${c.providerIds[1]}`);
    expect(theirs.statusCode).toBe(404);
    const other = await signIn(h, c.otherClinician);
    expect(idsOf((await other.get(url)).json())).toEqual([
      booked.graceAt11!.id,
      booked.roomAt15!.id,
    ]);
  });

  it('gives managers counts per provider, day and status, and no patients', async () => {
    const manager = await signIn(h, c.managerAccount);
    expect((await manager.get(url)).statusCode).toBe(403);
    const res = await manager.get(url.replace('/schedule?', '/schedule/counts?'));
    expect(res.statusCode).toBe(200);
    expect(res.json().counts).toEqual(
      [
        { providerId: c.providerIds[0], date: day, status: 'booked', count: 1 },
        { providerId: c.providerIds[0], date: day, status: 'held', count: 1 },
        { providerId: c.providerIds[1], date: day, status: 'booked', count: 2 },
      ].sort((a, b) => (a.providerId! < b.providerId! ? -1 : 1)),
    );
    expect(res.body).not.toContain(ada);
    expect(res.body).not.toContain('Lovelace');
  });

  it('shows compliance officers nothing', async () => {
    const officer = await signIn(h, c.officer);
    expect((await officer.get(url)).statusCode).toBe(403);
    expect((await officer.get(url.replace('/schedule?', '/schedule/counts?'))).statusCode).toBe(
      403,
    );
  });

  it('refuses a front desk limited to another location as if the location did not exist', async () => {
    const annexDesk = await signIn(h, c.annexDesk);
    const refused = await annexDesk.get(url);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Lovelace');
    const missing = await annexDesk.get(url.replace(c.locationId, crypto.randomUUID()));
    expect(missing.json().type).toBe(refused.json().type);
    const own = await annexDesk.get(url.replace(c.locationId, c.annexId));
    expect(own.statusCode).toBe(200);
    expect(own.json().entries).toEqual([]);
  });

  it('pages with a keyset cursor, in start order, and refuses a cursor it did not give', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await desk.get(`${url}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...idsOf(res.json()));
      cursor = res.json().nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual([
      booked.adaAt10!.id,
      booked.graceAt11!.id,
      booked.holdAt12!.id,
      booked.roomAt15!.id,
    ]);

    const bad = await desk.get(`${url}&cursor=bm90LWEtY3Vyc29y`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/query/cursor');
  });

  it('filters by provider and by resource', async () => {
    const first = await desk.get(`${url}&providers=${c.providerIds[0]}`);
    expect(idsOf(first.json())).toEqual([booked.adaAt10!.id, booked.holdAt12!.id]);
    const room = await desk.get(`${url}&resources=${c.roomId}`);
    expect(idsOf(room.json())).toEqual([booked.roomAt15!.id]);
    expect(room.json().entries[0].resourceIds).toEqual([c.roomId]);
    const roomOfFirst = await desk.get(
      `${url}&resources=${c.roomId}&providers=${c.providerIds[0]}`,
    );
    expect(idsOf(roomOfFirst.json())).toEqual([]);
  });

  it('answers 304 to a poll when nothing changed, unaudited, and a new ETag after a booking', async () => {
    const first = await desk.get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"s[\w-]+"$/);

    const poll = await desk.request('GET', url, undefined, {
      'if-none-match': etag,
      'x-hourglass-background': '1',
    });
    expect(poll.statusCode).toBe(304);
    expect(poll.body).toBe('');
    expect(poll.headers.etag).toBe(etag);
    const pollEvents = await listAuditEvents(h.db, {
      requestId: String(poll.headers['x-request-id']),
    });
    expect(pollEvents).toEqual([]);

    const later = await book(desk, c, grace, newYorkTime(1, '14:00'));
    const after = await desk.request('GET', url, undefined, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(idsOf(after.json())).toContain(later.id);

    // Tomorrow afternoon may already be inside the cut-off: the desk says why, as it would.
    const cancelled = await desk.post(`/api/appointments/${later.id}/cancel`, {
      reasonCode: 'duplicate',
      overrideReason: 'patient_called',
    });
    expect(cancelled.statusCode).toBe(200);
    const afterCancel = await desk.request('GET', url, undefined, {
      'if-none-match': String(after.headers.etag),
    });
    expect(afterCancel.statusCode).toBe(200);
    expect(idsOf(afterCancel.json())).not.toContain(later.id);
  });

  it('gives another account its own ETag for the same schedule', async () => {
    const etag = String((await desk.get(url)).headers.etag);
    const clinician = await signIn(h, c.clinician);
    const res = await clinician.request('GET', url, undefined, { 'if-none-match': etag });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a range that ends before it starts or runs past 31 days', async () => {
    const backwards = await desk.get(
      `/api/locations/${c.locationId}/schedule?from=${day}&to=2020-01-01`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].pointer).toBe('/query/to');
    const long = await desk.get(
      `/api/locations/${c.locationId}/schedule?from=2031-01-01&to=2031-02-01`,
    );
    expect(long.statusCode).toBe(400);
    const limit = await desk.get(`${url}&limit=5000`);
    expect(limit.json().errors[0].pointer).toBe('/query/limit');
  });
});
