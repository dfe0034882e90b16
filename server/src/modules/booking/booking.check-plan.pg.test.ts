import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient, createClinic, newYorkTime, type Clinic } from '../../../test/clinic.ts';
import { adminUrl, createTestDb, type TestDb } from '../../../test/harness.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { checkSlot } from './booking.rules.ts';
import * as booking from './booking.service.ts';

/**
 * A booking's check runs its prepared statement's generic plan (the transaction sets
 * plan_cache_mode): that plan must still find the provider's appointments through the exclusion
 * index by provider and time, not scan the time range of every provider. PostgreSQL only.
 */

let t: TestDb;
let clinic: Clinic;

beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  t = await createTestDb();
  await migrate(t.db);
  clinic = await createClinic(t.db, { providers: 2 });
  const patientId = await addPatient(t.db, clinic.orgId);
  for (const [i, providerId] of clinic.providerIds.entries()) {
    await booking.hold(
      { type: 'system', job: 'test' },
      { db: t.db, holdMinutes: 10, now: Date.now },
      {
        organizationId: clinic.orgId,
        appointmentTypeId: clinic.typeId,
        providerId,
        locationId: clinic.locationId,
        patientId,
        start: newYorkTime(3 + i),
        modality: 'in_person',
      },
    );
  }
  // A year of each provider's past visits, so that the planner weighs the index as it would in a
  // clinic (with a handful of rows a sequential scan is cheapest, whatever the query).
  await t.db.query(
    `insert into appointments (organization_id, appointment_type_id, provider_id, location_id,
       patient_id, modality, status, starts_at, ends_at, during)
     select $1, $2, p, $3, $4, 'in_person', 'completed', t, t + interval '30 min',
            tstzrange(t, t + interval '30 min')
       from unnest($5::uuid[]) as p, generate_series(1, 365) as d, generate_series(0, 7) as k,
            lateral (select current_date - d + time '14:00' + k * interval '30 min' as t0) x,
            lateral (select x.t0 at time zone 'UTC' as t) y`,
    [clinic.orgId, clinic.typeId, clinic.locationId, patientId, clinic.providerIds],
  );
  await t.db.exec('analyze');
});
afterAll(() => t.drop());

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (Array.isArray(v)) return `'{${v.join(',')}}'`;
  return `'${String(v).replaceAll("'", "''")}'`;
}

describe('the booking check’s generic plan', () => {
  it('looks each provider’s appointments up in the exclusion index by provider and time', async () => {
    // The statement exactly as the check sends it.
    let sent: { sql: string; params: unknown[]; name?: string | undefined } | undefined;
    const spy: Queryable = {
      query: (sql, params, options) => {
        sent = { sql, params: params ?? [], name: options?.name };
        return t.db.query(sql, params, options);
      },
    };
    await checkSlot(spy, {
      organizationId: clinic.orgId,
      appointmentTypeId: clinic.typeId,
      providerId: clinic.providerIds[0]!,
      locationId: clinic.locationId,
      modality: 'in_person',
      start: Date.parse(newYorkTime(3, '11:00')),
      now: Date.now(),
      overbook: false,
    });
    expect(sent?.name).toMatch(/^directory\.schedule-rules\.one-candidate/);
    const plan = await t.db.transaction(
      async (tx) => {
        await tx.query(`prepare check_plan as ${sent!.sql}`);
        const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(
          `explain (format json) execute check_plan(${sent!.params.map(literal).join(', ')})`,
        );
        return JSON.stringify(rows[0]!['QUERY PLAN']);
      },
      { genericPlans: true },
    );
    // A generic plan: parameters, not the values, in the conditions.
    expect(plan).toContain('$8');
    const scans = [...plan.matchAll(/"Index Name":"appointments_no_double_booking"[^}]*/g)].map(
      (m) => m[0],
    );
    expect(scans.length, plan).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan).toMatch(/"Index Cond":"\(\(provider_id = [^"]*during && /);
    }
  });
});
