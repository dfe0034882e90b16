import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBookingRoutes } from '../../../test/booking-test-routes.ts';
import { addPatient, createClinic, newYorkTime, type Clinic } from '../../../test/clinic.ts';
import { adminUrl, startTestApp, type TestApp } from '../../../test/harness.ts';

/**
 * The guarantee under real contention, on PostgreSQL only (PGlite has one connection, so nothing
 * there is truly simultaneous; booking.test.ts covers the embedded case). vitest.config.ts
 * includes *.pg.test.ts only when HOURGLASS_TEST_DATABASE_URL is set.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
let h: TestApp;
let clinic: Clinic;
let patients: string[];
let base: string;

beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  h = await startTestApp({ extraRoutes: testBookingRoutes });
  clinic = await createClinic(h.db, { providers: 1 });
  patients = [];
  for (let i = 0; i < 200; i++) patients.push(await addPatient(h.db, clinic.orgId));
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => h.close());

function attempt(server: string, patientId: string, start: string) {
  return fetch(`${server}/test/api/appointments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-organization': clinic.orgId },
    body: JSON.stringify({
      organizationId: clinic.orgId,
      appointmentTypeId: clinic.typeId,
      providerId: clinic.providerIds[0],
      locationId: clinic.locationId,
      patientId,
      start,
      modality: 'in_person',
    }),
  }).then(async (res) => ({ status: res.status, body: (await res.json()) as { type?: string } }));
}

async function bookedAt(start: string) {
  const { rows } = await h.db.query<{ n: number }>(
    `select count(*)::int as n from appointments where starts_at = $1 and status = 'held'`,
    [start],
  );
  return rows[0]!.n;
}

function tally(results: { status: number; body: { type?: string } }[]) {
  return {
    booked: results.filter((r) => r.status === 201).length,
    taken: results.filter(
      (r) => r.status === 409 && r.body.type === 'urn:hourglass:problem:slot-taken',
    ).length,
  };
}

describe('two hundred simultaneous requests for one slot, on PostgreSQL', () => {
  it('give exactly one booking and 199 slot-taken', async () => {
    const start = newYorkTime(5);
    const results = await Promise.all(patients.map((p) => attempt(base, p, start)));
    expect(tally(results)).toEqual({ booked: 1, taken: 199 });
    expect(await bookedAt(start)).toBe(1);
  });

  it('give exactly one booking when split across two server processes on one database', async () => {
    const servers = await Promise.all([startServer(), startServer()]);
    try {
      const start = newYorkTime(6);
      const results = await Promise.all(
        patients.map((p, i) => attempt(servers[i % 2]!.url, p, start)),
      );
      expect(tally(results)).toEqual({ booked: 1, taken: 199 });
      expect(await bookedAt(start)).toBe(1);
    } finally {
      for (const s of servers) s.child.kill('SIGTERM');
      await Promise.all(servers.map((s) => once(s.child, 'exit')));
    }
  });
});

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const dbUrl = (h.db as unknown as { pool: { options: { connectionString: string } } }).pool
    .options.connectionString;
  const child = spawn(process.execPath, [path.join(here, '../../../test/booking-server.ts')], {
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}
