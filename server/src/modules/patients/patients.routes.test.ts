import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { ada } from './patients.fixtures.ts';
import { patientViewSchema } from './patients.schema.ts';
import { createPatients } from './patients.service.ts';

let h: TestApp;
let org: string;
const frontDesk = () => ({
  type: 'user' as const,
  id: 'fd-1',
  organizationId: org,
  roles: ['front_desk'],
});

// Until identity lands, every patient route denies. This fixture route stands in for a signed-in
// front desk, so the pipeline (problem+json, audit, serialization) is exercised end to end.
function fixture(app: App, db: Db) {
  route(app, {
    method: 'GET',
    url: '/test/front-desk/patients/:patientId',
    access: publicAccess,
    audit: { action: 'patient.read', resourceType: 'patient' },
    schema: {
      params: z.strictObject({ patientId: z.uuid() }),
      response: { 200: patientViewSchema },
    },
    handler: async (req) => {
      req.audited = { patientId: req.params.patientId };
      const patients = createPatients({ db, vault: h.vault, audit: createAudit(db) });
      return patients.get(frontDesk(), req.params.patientId);
    },
  });
}

beforeAll(async () => {
  h = await startTestApp({ extraRoutes: fixture });
  const { rows } = await h.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('riverside', 'Riverside') returning id`,
  );
  org = rows[0]!.id;
});
afterAll(() => h.close());

describe('patient routes for anonymous callers', () => {
  it('refuse them before reading the body, and audit the refusal', async () => {
    const calls = [
      { method: 'POST' as const, url: '/api/patients', payload: ada() },
      { method: 'POST' as const, url: '/api/patients/lookup', payload: { email: 'a@example.org' } },
      { method: 'GET' as const, url: '/api/patients/summary' },
      { method: 'GET' as const, url: '/api/patients/00000000-0000-4000-8000-000000000001' },
      {
        method: 'POST' as const,
        url: '/api/patients/00000000-0000-4000-8000-000000000001/reveal',
        payload: { field: 'mrn' },
      },
    ];
    for (const call of calls) {
      const res = await h.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const denied = (await listAuditEvents(h.db)).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.action).sort()).toEqual([
      'patient.identifier.reveal',
      'patient.lookup',
      'patient.read',
      'patient.register',
      'patient.summary',
    ]);
    expect(h.logs.join('')).not.toContain('ada.quill');
  });
});

describe('reading a patient over HTTP', () => {
  it('answers with the projection, and a tampered record with a clear 409 problem, never a 500', async () => {
    const p = await createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) }).register(
      frontDesk(),
      ada(),
    );
    const ok = await h.app.inject({ method: 'GET', url: `/test/front-desk/patients/${p.id}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: p.id, mrn: '•••• 4821', legalName: { family: 'Quill' } });

    await h.db.query(
      `update patient_identity set date_of_birth = set_byte(date_of_birth, 24, get_byte(date_of_birth, 24) # 1)
        where patient_id = $1`,
      [p.id],
    );
    const res = await h.app.inject({ method: 'GET', url: `/test/front-desk/patients/${p.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: 'urn:hourglass:problem:record-unreadable' });
    expect(res.body).not.toMatch(/Quill|1984|patient_identity/);
    // The operator finds the failing field from the request id, in the log.
    const line = h.logs.find((l) => l.includes('stored record failed to decrypt'));
    expect(JSON.parse(line!)).toMatchObject({
      reqId: res.headers['x-request-id'],
      unreadable: {
        table: 'patient_identity',
        column: 'date_of_birth',
        rowId: p.id,
        keyVersion: 1,
      },
    });
    expect(line).not.toMatch(/Quill|1984/);
    const failed = (await listAuditEvents(h.db)).filter(
      (e) => e.patient_id === p.id && e.outcome === 'failed',
    );
    expect(failed.map((e) => e.action)).toEqual(['patient.read']);
  });
});
