import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { createAppointmentType } from '../directory/directory.rules-service.ts';
import {
  book,
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

// A weekly series at the New York clinic (open every day 09:00–17:00) on the app's fixed clock
// (15 January 2030): every occurrence checked, booked in one transaction, split "this and
// following". Only staff-confirmed bookings are involved, so the fixed clock needs no database clock.

const NY = 'America/New_York';
const ny = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(NY).toInstant().toString();
const wall = (iso: string) =>
  Temporal.Instant.from(iso).toZonedDateTimeISO(NY).toPlainDateTime().toString().slice(0, 16);

let h: IdentityApp;
let c: ConsoleClinic;
let desk: Client;
let annexDesk: Client;

function series(
  patientId: string,
  start: string,
  rule: string,
  over: Record<string, unknown> = {},
) {
  return {
    organizationId: c.orgId,
    appointmentTypeId: c.typeId,
    providerId: c.providerIds[0],
    locationId: c.locationId,
    patientId,
    modality: 'in_person',
    start,
    rule,
    ...over,
  };
}

async function patientAppointments(patientId: string) {
  const { rows } = await h.db.query<{ status: string; series_id: string | null; starts_at: Date }>(
    'select status, series_id, starts_at from appointments where patient_id = $1 order by starts_at',
    [patientId],
  );
  return rows;
}

beforeAll(async () => {
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'series-clinic', { horizonDays: 400 });
  desk = await signIn(h, c.desk);
  annexDesk = await signIn(h, c.annexDesk);
});
afterAll(() => h.close());

describe('a recurring series', () => {
  it('weekly on Tuesday 10:00 New York stays 10:00 local across the March and November changes', async () => {
    const ada = await registerPatient(desk, 'Ada', 'SeriesA');
    for (const [first, count] of [
      ['2030-02-26T10:00', 4], // DST starts 10 March 2030
      ['2030-10-22T10:00', 4], // and ends 3 November 2030
    ] as const) {
      const body = series(ada, ny(first), `FREQ=WEEKLY;BYDAY=TU;COUNT=${count}`);
      const preview = await desk.post('/api/series/preview', body);
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json().conflicts).toBe(0);
      expect(preview.json().timeZone).toBe(NY);
      const res = await desk.post('/api/series', body);
      expect(res.statusCode, res.body).toBe(201);
      const appts = res.json().appointments as {
        start: string;
        status: string;
        seriesId: string;
      }[];
      expect(appts).toHaveLength(count);
      expect(appts.map((a) => wall(a.start).slice(11))).toEqual(Array(count).fill('10:00'));
      expect(appts.every((a) => a.status === 'booked' && a.seriesId === res.json().seriesId)).toBe(
        true,
      );
      // The UTC instants differ by the hour the clocks moved.
      expect(new Set(appts.map((a) => a.start.slice(11, 13))).size).toBe(2);
    }
    // Each occurrence is an ordinary appointment that names its series.
    const rows = await patientAppointments(ada);
    expect(rows).toHaveLength(8);
    const one = await desk.get(
      `/api/appointments/${(await h.db.query<{ id: string }>('select id from appointments where patient_id = $1 limit 1', [ada])).rows[0]!.id}`,
    );
    expect(one.json().seriesId).toBe(rows[0]!.series_id);
  });

  it('the preview lists a partial conflict with alternatives and books nothing', async () => {
    const bea = await registerPatient(desk, 'Bea', 'SeriesB');
    const other = await registerPatient(desk, 'Cy', 'OtherC');
    await book(desk, c, other, ny('2030-03-13T10:00')); // the second Wednesday is taken
    const body = series(bea, ny('2030-03-06T10:00'), 'FREQ=WEEKLY;BYDAY=WE;COUNT=3');
    const res = await desk.post('/api/series/preview', body);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.conflicts).toBe(1);
    expect(p.occurrences.map((o: { free: boolean }) => o.free)).toEqual([true, false, true]);
    expect(p.occurrences[1].reasons).toContain('booked');
    expect(p.occurrences[1].alternatives.length).toBeGreaterThan(0);
    expect(p.occurrences[1].alternatives[0].providerId).toBe(c.providerIds[0]);
    expect(p.occurrences[1].alternatives.map((a: { start: string }) => a.start)).not.toContain(
      p.occurrences[1].start,
    );
    expect(await patientAppointments(bea)).toEqual([]);

    // Committing as it stands: 409 naming the occurrence, and nothing of the series is booked.
    const refused = await desk.post('/api/series', body);
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().type).toBe('urn:hourglass:problem:series-conflict');
    expect(refused.json().occurrence).toEqual({ index: 1, start: p.occurrences[1].start });
    expect(await patientAppointments(bea)).toEqual([]);
    const { rows } = await h.db.query('select 1 from appointment_series where patient_id = $1', [
      bea,
    ]);
    expect(rows).toEqual([]);

    // With the conflicting occurrence moved to the proposed alternative, all three are booked.
    const moved = p.occurrences[1].alternatives[0].start;
    const ok = await desk.post('/api/series', { ...body, changes: [{ index: 1, start: moved }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().appointments.map((a: { start: string }) => a.start)).toEqual([
      p.occurrences[0].start,
      new Date(moved).toISOString(),
      p.occurrences[2].start,
    ]);
  });

  it('the database decides: a booking that lands between preview and commit refuses the whole series', async () => {
    const dee = await registerPatient(desk, 'Dee', 'SeriesD');
    const other = await registerPatient(desk, 'Eve', 'OtherE');
    const body = series(dee, ny('2030-04-01T14:00'), 'FREQ=DAILY;COUNT=5');
    expect((await desk.post('/api/series/preview', body)).json().conflicts).toBe(0);
    await book(desk, c, other, ny('2030-04-05T14:00')); // the last occurrence, taken meanwhile
    const res = await desk.post('/api/series', body);
    expect(res.statusCode).toBe(409);
    expect(res.json().occurrence.index).toBe(4);
    expect(await patientAppointments(dee)).toEqual([]);
  });

  it('"this and following": cancel ends the series before the chosen occurrence', async () => {
    const fay = await registerPatient(desk, 'Fay', 'SeriesF');
    const made = await desk.post(
      '/api/series',
      series(fay, ny('2030-05-06T09:00'), 'FREQ=WEEKLY;COUNT=4'),
    );
    expect(made.statusCode, made.body).toBe(201);
    const { seriesId, appointments } = made.json();
    const res = await desk.post(`/api/series/${seriesId}/following`, {
      action: 'cancel',
      appointmentId: appointments[2].id,
      reasonCode: 'patient_request',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rule).toBe('FREQ=WEEKLY;UNTIL=20300520T125959Z');
    expect(res.json().occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'booked',
      'cancelled',
      'cancelled',
    ]);
  });

  it('a booked series is confirmed once, with its first visit; every visit keeps its reminder', async () => {
    const hal = await registerPatient(desk, 'Hal', 'SeriesH');
    const made = await desk.post(
      '/api/series',
      series(hal, ny('2030-07-01T11:00'), 'FREQ=WEEKLY;BYDAY=MO;COUNT=3'),
    );
    expect(made.statusCode, made.body).toBe(201);
    const ids: string[] = made.json().appointments.map((a: { id: string }) => a.id);
    expect(ids).toHaveLength(3);
    const { rows } = await h.db.query<{ appointment_id: string; kind: string }>(
      `select appointment_id, kind from notification_messages
        where appointment_id = any($1::uuid[]) and kind in ('confirmation', 'reminder')`,
      [ids],
    );
    const of = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.appointment_id);
    expect(of('confirmation')).toEqual([ids[0]]);
    expect(of('reminder').sort()).toEqual([...ids].sort());
  });

  it('Idempotency-Key: a retry gets the series it booked; the key with another request is a 422', async () => {
    const ida = await registerPatient(desk, 'Ida', 'SeriesK');
    const body = series(ida, ny('2030-08-05T13:00'), 'FREQ=WEEKLY;BYDAY=MO;COUNT=2');
    const key = { 'idempotency-key': 'series-retry-0001' };
    const first = await desk.request('POST', '/api/series', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await desk.request('POST', '/api/series', body, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().seriesId).toBe(first.json().seriesId);
    expect(again.json().appointments.map((a: { id: string }) => a.id)).toEqual(
      first.json().appointments.map((a: { id: string }) => a.id),
    );
    const other = { ...body, start: ny('2030-08-06T13:00'), rule: 'FREQ=WEEKLY;COUNT=2' };
    const reused = await desk.request('POST', '/api/series', other, key);
    expect(reused.statusCode, reused.body).toBe(422);
    expect(reused.json().type).toMatch(/idempotency-key-reused$/);
    expect((await patientAppointments(ida)).map((a) => a.status)).toEqual(['booked', 'booked']);
  });

  it('"this and following": moving books the rest at the new time under a new series', async () => {
    const gus = await registerPatient(desk, 'Gus', 'SeriesG');
    const made = await desk.post(
      '/api/series',
      series(gus, ny('2030-06-03T09:00'), 'FREQ=WEEKLY;BYDAY=MO;COUNT=4'),
    );
    const { seriesId, appointments } = made.json();
    const res = await desk.post(`/api/series/${seriesId}/following`, {
      action: 'move',
      appointmentId: appointments[1].id,
      start: ny('2030-06-11T15:30'), // Tuesdays at 15:30 from now on
    });
    expect(res.statusCode, res.body).toBe(200);
    const split = res.json();
    expect(split.splitFrom).toBe(seriesId);
    expect(split.rule).toBe('FREQ=WEEKLY;BYDAY=MO;COUNT=3');
    // BYDAY stays Monday: the week of the new anchor's Monday is before it, so Mondays follow.
    expect(split.occurrences.every((o: { status: string }) => o.status === 'booked')).toBe(true);
    expect(split.occurrences.map((o: { start: string }) => wall(o.start).slice(11))).toEqual(
      Array(split.occurrences.length).fill('15:30'),
    );
    const old = (await desk.get(`/api/series/${seriesId}`)).json();
    expect(old.rule).toMatch(/UNTIL=20300610T125959Z$/);
    expect(old.occurrences.map((o: { status: string }) => o.status)).toEqual([
      'booked',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('asks the patient’s eligibility for the type first, as one booking does', async () => {
    const ivy = await registerPatient(desk, 'Ivy', 'SeriesI'); // born 1980
    const seniors = await createAppointmentType(c.manager, h.db, c.orgId, {
      name: 'Seniors clinic',
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
      minAgeYears: 70,
      horizonDays: 400,
      scope: [{ providerId: c.providerIds[0]!, locationId: c.locationId }],
    });
    const res = await desk.post(
      '/api/series',
      series(ivy, ny('2030-08-05T10:00'), 'FREQ=WEEKLY;COUNT=2', { appointmentTypeId: seniors }),
    );
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().type).toBe('urn:hourglass:problem:not-eligible');
    expect(await patientAppointments(ivy)).toEqual([]);
  });

  it('refuses a bad rule, another location’s desk and patients, changing nothing', async () => {
    const hal = await registerPatient(desk, 'Hal', 'SeriesH');
    const bad = await desk.post(
      '/api/series/preview',
      series(hal, ny('2030-07-01T10:00'), 'FREQ=HOURLY;COUNT=3'),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('/rule');
    const far = await annexDesk.post(
      '/api/series',
      series(hal, ny('2030-07-01T10:00'), 'FREQ=DAILY;COUNT=2'),
    );
    expect(far.statusCode).toBe(404);
    expect(await patientAppointments(hal)).toEqual([]);
  });
});
