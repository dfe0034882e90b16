import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, createClinic, type Clinic } from '../../../test/clinic.ts';
import { adminUrl, createTestDb, type TestDb } from '../../../test/harness.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import * as store from './booking.schedule.store.ts';

/**
 * The schedule's statements keep their plans on a clinic's worth of data: a page of the whole
 * location reads `appointments_schedule` in order from the cursor (no sort of the range), a page
 * of named providers goes through the exclusion index by provider and time, and the ETag's
 * version is read from `appointments_schedule` alone. PostgreSQL only.
 */

let t: TestDb;
let clinic: Clinic;
const day = 86_400_000;

beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 20 });
  const patientId = await addPatient(t.db, clinic.orgId);
  // A year of twenty providers' visits, every half hour of the working day.
  await t.db.query(
    `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
       patient_id, modality, status, starts_at, ends_at, during)
     select $1, $2, p, $3, $4, 'in_person', 'booked', t, t + interval '30 min',
            tstzrange(t, t + interval '30 min')
       from unnest($5::uuid[]) as p, generate_series(-180, 180) as d, generate_series(0, 15) as k,
            lateral (select (current_date + d + time '09:00' + k * interval '30 min')
                              at time zone 'America/New_York' as t) x`,
    [clinic.orgId, clinic.typeId, clinic.locationId, patientId, clinic.providerIds],
  );
  await t.db.exec('vacuum analyze appointments');
});
afterAll(() => t.drop());

const week = () => ({
  organizationId: clinic.orgId,
  locationId: clinic.locationId,
  from: new Date(Date.now() + day),
  to: new Date(Date.now() + 8 * day),
  providerIds: null as string[] | null,
  resourceIds: null,
  now: new Date(),
});

/** The plan of the statement `run` sends, with the parameters it sends. */
async function planOf(run: (db: Queryable) => Promise<unknown>): Promise<string> {
  let sent: { sql: string; params: unknown[] } | undefined;
  await run({
    query: async (sql, params) => {
      sent = { sql, params: params ?? [] };
      return { rows: [{ n: '0', h: '0' }] as never[], rowCount: 0 };
    },
  });
  const { rows } = await t.db.query<{ 'QUERY PLAN': unknown }>(
    `explain (format json) ${sent!.sql}`,
    sent!.params,
  );
  return JSON.stringify(rows[0]!['QUERY PLAN']);
}

describe('the schedule’s plans', () => {
  it('pages a whole location from appointments_schedule in order, from the cursor', async () => {
    const after = { start: new Date(Date.now() + 3 * day), id: crypto.randomUUID() };
    const plan = await planOf((db) => store.schedulePage(db, week(), after, 501));
    expect(plan).toMatch(/"Index Name":"appointments_schedule"/);
    expect(plan).toMatch(/"Index Cond":"\(\(location_id = [^"]*starts_at/);
    expect(plan).not.toContain('"Node Type":"Sort"');
  });

  it('reads named providers through the exclusion index by provider and time', async () => {
    const plan = await planOf((db) =>
      store.schedulePage(db, { ...week(), providerIds: clinic.providerIds.slice(0, 2) }, null, 501),
    );
    expect(plan).toMatch(/"Index Name":"appointments_no_double_booking"/);
    expect(plan).toMatch(/provider_id = p\.id[^"]*during &&/);
  });

  it('reads the ETag’s version from appointments_schedule alone', async () => {
    const plan = await planOf((db) => store.scheduleVersion(db, week()));
    expect(plan).toMatch(/"Node Type":"Index Only Scan"[^}]*"Index Name":"appointments_schedule"/);
  });
});
