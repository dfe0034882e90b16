import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { seedReportingWeek, week, type ReportingWeek } from './reports.fixtures.ts';

let h: IdentityApp;
let w: ReportingWeek;
let manager: Client;

beforeAll(async () => {
  h = await startIdentityApp();
  w = await seedReportingWeek(h);
  manager = await signIn(h, await addAccount(h, w.org, { roles: ['manager'] }));
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
    expect(byProvider[w.ames]).toEqual({
      providerId: w.ames,
      providerName: 'Dr. Ames',
      locationId: w.org.locationId,
      locationName: 'Main',
      availableMinutes: 1500,
      bookedMinutes: 195,
      utilization: 195 / 1500,
    });
    expect(byProvider[w.hyper]).toMatchObject({
      availableMinutes: 240,
      bookedMinutes: 90,
      utilization: 90 / 240,
    });
    expect(byProvider[w.cole]).toMatchObject({
      locationName: 'East',
      availableMinutes: 240,
      bookedMinutes: 30,
      utilization: 30 / 240,
    });
    expect(r.locations).toEqual([
      {
        locationId: w.eastId,
        locationName: 'East',
        availableMinutes: 240,
        bookedMinutes: 30,
        utilization: 30 / 240,
      },
      {
        locationId: w.org.locationId,
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
    const r = await read(manager, 'utilization', { locationId: w.eastId });
    expect(r.providers.map((p: { providerId: string }) => p.providerId)).toEqual([w.cole]);
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
      appointmentTypeId: w.followUp,
      visits: 5,
      medianMinutes: 2880,
    });
    expect(byType['+New patient']).toMatchObject({
      appointmentTypeId: w.newPatient,
      visits: 3,
      medianMinutes: 720,
    });
  });
});

describe('no-shows and cancellations', () => {
  it('counts what became of booked appointments per type, with the rates', async () => {
    const r = await read(manager, 'attendance');
    const followUpRow = {
      appointmentTypeId: w.followUp,
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
      appointmentTypeId: w.newPatient,
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
      `"${w.hyper}","'=HYPERLINK(""http://evil.example"")","${w.org.locationId}","Main","240","90","0.375"`,
    );
    expect(lines).toHaveLength(4);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events.map((e) => [e.action, e.outcome, e.resource_type, e.resource_id])).toEqual([
      ['report.export', 'success', 'report', 'utilization'],
    ]);

    const attendance = await manager.get(`/api/reports/attendance/export?${query()}`);
    expect(attendance.body.split('\r\n')).toContain(
      `"${w.newPatient}","'+New patient","3","2","1","0","0","0","${1 / 3}","0"`,
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
        for (const id of [w.patientId, ...w.appointmentIds]) expect(res.body).not.toContain(id);
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
      await addAccount(h, w.org, { roles: ['front_desk'] }),
      await addAccount(h, w.org, { roles: ['clinician'], providerId: w.ames }),
      await addAccount(h, w.org, { kind: 'patient' }),
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
    const admin = await signIn(h, await addAccount(h, w.org, { roles: ['admin'] }));
    expect((await read(admin, 'attendance')).total.booked).toBe(9);
  });

  it('keeps a manager limited to some locations to those, and hides the others (404)', async () => {
    const east = await signIn(
      h,
      await addAccount(h, w.org, { roles: ['manager'], locationIds: [w.eastId] }),
    );
    const r = await read(east, 'utilization');
    expect(r.providers.map((p: { providerId: string }) => p.providerId)).toEqual([w.cole]);
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
      `/api/reports/attendance?${query({ locationId: w.org.locationId })}`,
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
    const res = await c.get(`/api/reports/utilization?${query({ locationId: w.eastId })}`);
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
      `?${query({ patientId: w.patientId })}`,
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
