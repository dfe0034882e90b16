import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, managerOf } from '../../../test/clinic.ts';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import * as directory from '../directory/directory.rules-service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';

// A week at a clinic with two locations, seeded with a history whose figures are worked out by
// hand below. Main is in Chicago (UTC-6 in January), East in New York (UTC-5).
//
// Working time, 2030-01-07 (Mon) to 2030-01-13 (Sun); Wednesday the 9th is a holiday:
//   Ames at Main, Mon-Fri 09-17: Mon 480 + Tue 480 + Wed 0 + Thu 480 less 2 h off (360)
//     + Fri overridden to 09-12 (180)                                               = 1500 min
//   "=HYPERLINK" at Main, Mon and Wed 08-12: Mon 240 + Wed 0                          =  240 min
//   Cole at East, Tue 10-14                                                         =  240 min
const week = { from: '2030-01-07', to: '2030-01-13' };

let h: IdentityApp;
let org: Org;
let eastId: string;
let ames: string;
let hyper: string;
let cole: string;
let followUp: string;
let newPatient: string;
let patientId: string;
const appointmentIds: string[] = [];
let manager: Client;

/** One appointment of the history: its final status and its state changes, with their times. */
async function seed(a: {
  provider: string;
  location: string;
  type: string;
  start: string;
  minutes: number;
  status: string;
  events: [status: string, at: string][];
  cancelReason?: string;
  rescheduledFrom?: string;
}): Promise<string> {
  const end = new Date(Date.parse(a.start) + a.minutes * 60_000).toISOString();
  const { rows } = await h.db.query<{ id: string }>(
    `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
       patient_id, modality, status, starts_at, ends_at, during, cancel_reason, hold_expires_at,
       rescheduled_from, created_at)
     values ($1, $2, $3, $4, $5, 'in_person', $6, $7, $8, tstzrange($7::timestamptz, $8::timestamptz),
       $9, case when $6 = 'held' then $8::timestamptz end, $10, $11)
     returning id::text`,
    [
      org.id,
      a.type,
      a.provider,
      a.location,
      patientId,
      a.status,
      a.start,
      end,
      a.cancelReason ?? null,
      a.rescheduledFrom ?? null,
      a.events[0]![1],
    ],
  );
  const id = rows[0]!.id;
  let from: string | null = null;
  for (const [to, at] of a.events) {
    await h.db.query(
      `insert into appointment_events (appointment_id, occurred_at, actor_type, from_status, to_status)
       values ($1, $2, 'user', $3, $4)`,
      [id, at, from, to],
    );
    from = to;
  }
  appointmentIds.push(id);
  return id;
}

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'reporting'); // its location "Main" is in America/Chicago
  const m = managerOf(org.id);
  eastId = await directory.createLocation(m, h.db, org.id, {
    name: 'East',
    timeZone: 'America/New_York',
  });
  ames = await directory.createProvider(m, h.db, org.id, {
    displayName: 'Dr. Ames',
    locationIds: [org.locationId],
  });
  hyper = await directory.createProvider(m, h.db, org.id, {
    displayName: '=HYPERLINK("http://evil.example")',
    locationIds: [org.locationId],
  });
  cole = await directory.createProvider(m, h.db, org.id, {
    displayName: 'Dr. Cole',
    locationIds: [eastId],
  });
  const type = (name: string) =>
    directory.createAppointmentType(m, h.db, org.id, {
      name,
      durationMinutes: 30,
      slotIntervalMinutes: 30,
      modalities: ['in_person'],
    });
  followUp = await type('Follow-up');
  newPatient = await type('+New patient');
  const hours = (providerId: string, locationId: string, weekday: number, s: string, e: string) =>
    directory.addWorkingHours(m, h.db, org.id, {
      providerId,
      locationId,
      weekday,
      startTime: s,
      endTime: e,
    });
  for (let d = 1; d <= 5; d++) await hours(ames, org.locationId, d, '09:00', '17:00');
  await hours(hyper, org.locationId, 1, '08:00', '12:00');
  await hours(hyper, org.locationId, 3, '08:00', '12:00');
  await hours(cole, eastId, 2, '10:00', '14:00');
  // Hours that are not in effect this week count for nothing.
  await directory.addWorkingHours(m, h.db, org.id, {
    providerId: cole,
    locationId: eastId,
    weekday: 4,
    startTime: '10:00',
    endTime: '14:00',
    effectiveFrom: '2030-02-01',
  });
  await directory.setHoliday(m, h.db, org.id, { date: '2030-01-09', name: 'Clinic day off' });
  await directory.addTimeOff(m, h.db, org.id, {
    providerId: ames,
    start: '2030-01-10T19:00:00Z', // 13:00-15:00 in Chicago
    end: '2030-01-10T21:00:00Z',
  });
  await directory.addDateOverride(m, h.db, org.id, {
    providerId: ames,
    locationId: org.locationId,
    date: '2030-01-11',
    startTime: '09:00',
    endTime: '12:00',
  });

  patientId = await addPatient(h.db, org.id);
  const main = org.locationId;
  const booked = (at: string): [string, string] => ['booked', at];
  // Visits (booked and still holding their time), with their lead times:
  // 1. Ames, Mon 09:00 Chicago, completed, follow-up, booked a day before          1440 min
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-07T15:00:00Z',
    minutes: 30,
    status: 'completed',
    events: [
      booked('2030-01-06T15:00:00Z'),
      ['checked_in', '2030-01-07T14:55:00Z'],
      ['completed', '2030-01-07T15:30:00Z'],
    ],
  });
  // 2. Ames, Mon 10:00, an hour, no-show, follow-up, booked three days before        4320 min
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-07T16:00:00Z',
    minutes: 60,
    status: 'no_show',
    events: [booked('2030-01-04T16:00:00Z'), ['no_show', '2030-01-07T16:20:00Z']],
  });
  // 3. Ames, Thu 09:00, 45 min, checked in, new patient, booked two hours before      120 min
  await seed({
    provider: ames,
    location: main,
    type: newPatient,
    start: '2030-01-10T15:00:00Z',
    minutes: 45,
    status: 'checked_in',
    events: [
      ['held', '2030-01-10T12:58:00Z'],
      booked('2030-01-10T13:00:00Z'),
      ['checked_in', '2030-01-10T14:50:00Z'],
    ],
  });
  // 4. Ames, Fri 09:00, still booked, follow-up, booked 30 days before               43200 min
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-11T15:00:00Z',
    minutes: 30,
    status: 'booked',
    events: [booked('2029-12-12T15:00:00Z')],
  });
  // Moved: Ames, Tue 11:00, follow-up, rescheduled to Thu 10:00 (5.)
  const moved = await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-08T17:00:00Z',
    minutes: 30,
    status: 'cancelled',
    cancelReason: 'rescheduled',
    events: [booked('2030-01-02T17:00:00Z'), ['cancelled', '2030-01-08T16:00:00Z']],
  });
  // 5. Ames, Thu 10:00, completed, follow-up, booked (by the reschedule) two days before 2880 min
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-10T16:00:00Z',
    minutes: 30,
    status: 'completed',
    rescheduledFrom: moved,
    events: [
      booked('2030-01-08T16:00:00Z'),
      ['checked_in', '2030-01-10T15:58:00Z'],
      ['completed', '2030-01-10T16:30:00Z'],
    ],
  });
  // 6. "=HYPERLINK", Mon 08:00, an hour, completed, new patient, booked 12 h before    720 min
  await seed({
    provider: hyper,
    location: main,
    type: newPatient,
    start: '2030-01-07T14:00:00Z',
    minutes: 60,
    status: 'completed',
    events: [booked('2030-01-07T02:00:00Z'), ['completed', '2030-01-07T15:00:00Z']],
  });
  // 7. Cole, Tue 10:00 New York, no-show, new patient, booked 60 days before          86400 min
  await seed({
    provider: cole,
    location: eastId,
    type: newPatient,
    start: '2030-01-08T15:00:00Z',
    minutes: 30,
    status: 'no_show',
    events: [booked('2029-11-09T15:00:00Z'), ['no_show', '2030-01-08T15:30:00Z']],
  });
  // 8. "=HYPERLINK", Sun 13th 20:00 Chicago (the 14th in UTC: still this week there), booked,
  //    follow-up, booked two days before                                              2880 min
  await seed({
    provider: hyper,
    location: main,
    type: followUp,
    start: '2030-01-14T02:00:00Z',
    minutes: 30,
    status: 'booked',
    events: [booked('2030-01-12T02:00:00Z')],
  });
  // Not visits: a cancellation after booking, holds never booked (held, cancelled, expired).
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-08T15:00:00Z',
    minutes: 30,
    status: 'cancelled',
    cancelReason: 'patient_request',
    events: [booked('2030-01-01T00:00:00Z'), ['cancelled', '2030-01-05T00:00:00Z']],
  });
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-11T16:00:00Z',
    minutes: 30,
    status: 'held',
    events: [['held', '2030-01-06T00:00:00Z']],
  });
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-11T17:00:00Z',
    minutes: 30,
    status: 'cancelled',
    cancelReason: 'patient_request',
    events: [
      ['held', '2030-01-06T00:00:00Z'],
      ['cancelled', '2030-01-06T00:05:00Z'],
    ],
  });
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-07T18:00:00Z',
    minutes: 30,
    status: 'expired',
    events: [
      ['held', '2030-01-06T00:00:00Z'],
      ['expired', '2030-01-06T00:10:00Z'],
    ],
  });
  // Outside the week: Sunday the 6th at 23:30 in Chicago is already the 7th in UTC.
  await seed({
    provider: ames,
    location: main,
    type: followUp,
    start: '2030-01-07T05:30:00Z',
    minutes: 30,
    status: 'completed',
    events: [booked('2030-01-01T05:30:00Z'), ['completed', '2030-01-07T06:00:00Z']],
  });

  manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
});
afterAll(() => h.close());

const query = (q: Record<string, string> = {}) => new URLSearchParams({ ...week, ...q }).toString();
async function read(c: Client, report: string, q: Record<string, string> = {}) {
  const res = await c.get(`/api/reports/${report}?${query(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Percentile by linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
function percentile(sorted: number[], p: number): number {
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  return sorted[lo]! + (at - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
}

describe('utilization', () => {
  it('divides booked visit minutes by working minutes, per provider, location and in total', async () => {
    const r = await read(manager, 'utilization');
    const byProvider = Object.fromEntries(
      r.providers.map((p: { providerId: string }) => [p.providerId, p]),
    );
    expect(r.providers).toHaveLength(3);
    // Booked: Ames 30 + 60 + 45 + 30 + 30; "=HYPERLINK" 60 + 30 (Sunday evening); Cole 30.
    expect(byProvider[ames]).toEqual({
      providerId: ames,
      providerName: 'Dr. Ames',
      locationId: org.locationId,
      locationName: 'Main',
      availableMinutes: 1500,
      bookedMinutes: 195,
      utilization: 195 / 1500,
    });
    expect(byProvider[hyper]).toMatchObject({
      availableMinutes: 240,
      bookedMinutes: 90,
      utilization: 90 / 240,
    });
    expect(byProvider[cole]).toMatchObject({
      locationName: 'East',
      availableMinutes: 240,
      bookedMinutes: 30,
      utilization: 30 / 240,
    });
    expect(r.locations).toEqual([
      {
        locationId: eastId,
        locationName: 'East',
        availableMinutes: 240,
        bookedMinutes: 30,
        utilization: 30 / 240,
      },
      {
        locationId: org.locationId,
        locationName: 'Main',
        availableMinutes: 1740,
        bookedMinutes: 285,
        utilization: 285 / 1740,
      },
    ]);
    expect(r.total).toEqual({
      availableMinutes: 1980,
      bookedMinutes: 315,
      utilization: 315 / 1980,
    });
    expect(r).toMatchObject({ ...week, locationId: null });
  });

  it('narrows to one location when asked', async () => {
    const r = await read(manager, 'utilization', { locationId: eastId });
    expect(r.providers.map((p: { providerId: string }) => p.providerId)).toEqual([cole]);
    expect(r.total).toEqual({ availableMinutes: 240, bookedMinutes: 30, utilization: 30 / 240 });
  });
});

describe('lead time', () => {
  it('gives the median, 90th percentile and distribution from booking to visit, in total and per type', async () => {
    const r = await read(manager, 'lead-time');
    const all = [120, 720, 1440, 2880, 2880, 4320, 43200, 86400];
    expect(r.total).toEqual({
      visits: 8,
      medianMinutes: 2880,
      p90Minutes: Math.round(percentile(all, 0.9)), // 43200 + 0.3 × (86400 - 43200) = 56160
      buckets: [
        { fromDays: 0, toDays: 1, visits: 2 }, // 2 h, 12 h
        { fromDays: 1, toDays: 2, visits: 1 }, // 1 day
        { fromDays: 2, toDays: 7, visits: 3 }, // 2, 2 and 3 days
        { fromDays: 7, toDays: 14, visits: 0 },
        { fromDays: 14, toDays: 30, visits: 0 },
        { fromDays: 30, toDays: 60, visits: 1 }, // 30 days
        { fromDays: 60, toDays: null, visits: 1 }, // 60 days
      ],
    });
    expect(r.total.p90Minutes).toBe(56160);
    const byType = Object.fromEntries(
      r.byType.map((t: { appointmentTypeName: string }) => [t.appointmentTypeName, t]),
    );
    // Follow-up: 1440, 2880, 2880, 4320, 43200. New patient: 120, 720, 86400.
    expect(byType['Follow-up']).toMatchObject({
      appointmentTypeId: followUp,
      visits: 5,
      medianMinutes: 2880,
    });
    expect(byType['+New patient']).toMatchObject({
      appointmentTypeId: newPatient,
      visits: 3,
      medianMinutes: 720,
    });
  });
});

describe('no-shows and cancellations', () => {
  it('counts what became of booked appointments per type, with the rates', async () => {
    const r = await read(manager, 'attendance');
    const followUpRow = {
      appointmentTypeId: followUp,
      appointmentTypeName: 'Follow-up',
      booked: 6, // 1, 2, 4, 5, 8 and the cancellation (the moved one counts at its new time)
      attended: 2,
      noShows: 1,
      cancelled: 1,
      rescheduled: 1,
      pending: 2,
      noShowRate: 1 / 3,
      cancellationRate: 1 / 6,
    };
    const newPatientRow = {
      appointmentTypeId: newPatient,
      appointmentTypeName: '+New patient',
      booked: 3,
      attended: 2,
      noShows: 1,
      cancelled: 0,
      rescheduled: 0,
      pending: 0,
      noShowRate: 1 / 3,
      cancellationRate: 0,
    };
    expect(r.byType).toEqual(expect.arrayContaining([followUpRow, newPatientRow]));
    expect(r.byType).toHaveLength(2);
    expect(r.total).toEqual({
      booked: 9,
      attended: 4,
      noShows: 2,
      cancelled: 1,
      rescheduled: 1,
      pending: 2,
      noShowRate: 2 / 6,
      cancellationRate: 1 / 9,
    });
  });

  it('answers an empty range with zeros and no rates', async () => {
    const r = await read(manager, 'attendance', { from: '2031-01-01', to: '2031-01-31' });
    expect(r.byType).toEqual([]);
    expect(r.total).toMatchObject({ booked: 0, noShowRate: null, cancellationRate: null });
    const lead = await read(manager, 'lead-time', { from: '2031-01-01', to: '2031-01-31' });
    expect(lead.total).toMatchObject({ visits: 0, medianMinutes: null, p90Minutes: null });
  });
});

describe('exports', () => {
  it('are formula-safe CSV, and each is audited as report.export', async () => {
    const res = await manager.get(`/api/reports/utilization/export?${query()}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="utilization-2030-01-07-2030-01-13.csv"',
    );
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'provider_id,provider,location_id,location,available_minutes,booked_minutes,utilization',
    );
    expect(lines).toContain(
      `"${hyper}","'=HYPERLINK(""http://evil.example"")","${org.locationId}","Main","240","90","0.375"`,
    );
    expect(lines).toHaveLength(4);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.outcome, e.resource_type, e.resource_id])).toEqual([
      ['report.export', 'success', 'report', 'utilization'],
    ]);

    const attendance = await manager.get(`/api/reports/attendance/export?${query()}`);
    expect(attendance.body.split('\r\n')).toContain(
      `"${newPatient}","'+New patient","3","2","1","0","0","0","${1 / 3}","0"`,
    );
    const lead = await manager.get(`/api/reports/lead-time/export?${query()}`);
    expect(lead.body.split('\r\n').slice(0, 2)).toEqual([
      'appointment_type_id,appointment_type,visits,median_minutes,p90_minutes,visits_0_to_1_days,visits_1_to_2_days,visits_2_to_7_days,visits_7_to_14_days,visits_14_to_30_days,visits_30_to_60_days,visits_60_days_or_more',
      ',"all","8","2880","56160","2","1","3","0","0","1","1"',
    ]);
  });

  it('name no patient and no appointment, in any report or export', async () => {
    for (const report of ['utilization', 'lead-time', 'attendance']) {
      for (const suffix of ['', '/export']) {
        const res = await manager.get(`/api/reports/${report}${suffix}?${query()}`);
        expect(res.statusCode).toBe(200);
        for (const id of [patientId, ...appointmentIds]) expect(res.body).not.toContain(id);
      }
    }
    const reads = (await listAuditEvents(h.db, { limit: 100_000 })).filter((e) =>
      e.action.startsWith('report.'),
    );
    expect(reads.length).toBeGreaterThanOrEqual(6);
    expect(reads.every((e) => e.patient_id === null && e.resource_ids === null)).toBe(true);
  });
});

describe('who may read reports', () => {
  it('refuses the front desk, clinicians and patients (403), and audits the refusal', async () => {
    for (const account of [
      await addAccount(h, org, { roles: ['front_desk'] }),
      await addAccount(h, org, { roles: ['clinician'], providerId: ames }),
      await addAccount(h, org, { kind: 'patient' }),
    ]) {
      const c = await signIn(h, account);
      for (const url of ['/api/reports/utilization', '/api/reports/attendance/export']) {
        const res = await c.get(`${url}?${query()}`);
        expect(res.statusCode).toBe(403);
        const events = await listAuditEvents(h.db, {
          requestId: String(res.headers['x-request-id']),
        });
        expect(events.map((e) => e.outcome)).toEqual(['denied']);
      }
    }
  });

  it('lets an admin read them', async () => {
    const admin = await signIn(h, await addAccount(h, org, { roles: ['admin'] }));
    expect((await read(admin, 'attendance')).total.booked).toBe(9);
  });

  it('keeps a manager limited to some locations to those, and hides the others (404)', async () => {
    const east = await signIn(
      h,
      await addAccount(h, org, { roles: ['manager'], locationIds: [eastId] }),
    );
    const r = await read(east, 'utilization');
    expect(r.providers.map((p: { providerId: string }) => p.providerId)).toEqual([cole]);
    expect(r.total).toEqual({ availableMinutes: 240, bookedMinutes: 30, utilization: 30 / 240 });
    expect((await read(east, 'attendance')).total).toMatchObject({
      booked: 1,
      noShows: 1,
      noShowRate: 1,
    });
    expect((await read(east, 'lead-time')).total).toMatchObject({
      visits: 1,
      medianMinutes: 86400,
    });
    const theirs = await east.get(
      `/api/reports/attendance?${query({ locationId: org.locationId })}`,
    );
    const missing = await east.get(
      `/api/reports/attendance?${query({ locationId: crypto.randomUUID() })}`,
    );
    expect([theirs.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(theirs.json().type).toBe(missing.json().type);
  });

  it("shows another organization's manager nothing of this clinic", async () => {
    const other = await addOrganization(h, 'reporting-elsewhere');
    const c = await signIn(h, await addAccount(h, other, { roles: ['manager'] }));
    expect((await read(c, 'attendance')).total.booked).toBe(0);
    expect((await read(c, 'utilization')).providers).toEqual([]);
    const res = await c.get(`/api/reports/utilization?${query({ locationId: eastId })}`);
    expect(res.statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('is a 400 naming the field, and changes nothing', async () => {
    for (const q of [
      '?from=2030-01-07',
      '?from=2030-01-13&to=2030-01-07',
      '?from=2030-01-01&to=2031-01-02',
      '?from=2030-02-30&to=2030-03-01',
      `?${query({ locationId: 'main' })}`,
      `?${query({ patientId: patientId })}`,
    ]) {
      const res = await manager.get(`/api/reports/utilization${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().type).toBe('urn:hourglass:problem:validation');
      const events = await listAuditEvents(h.db, {
        requestId: String(res.headers['x-request-id']),
      });
      expect(events.map((e) => [e.action, e.outcome])).toEqual([['report.read', 'failed']]);
    }
  });
});
