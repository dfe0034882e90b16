import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClinic, holdRequest, staffOf, type Clinic } from '../../../test/clinic.ts';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { addAlertRule, sealAndRunAlerts } from '../audit/audit.testkit.ts';
import { hold } from '../booking/booking.service.ts';
import { ada } from './patients.fixtures.ts';
import { createPatients } from './patients.service.ts';

// Break-glass through the real app: a clinician who does not treat the patient sees no clinical
// record, breaks glass (step-up, reason code), sees it for an hour, and compliance is alerted.
let h: IdentityApp;
let clinic: Clinic;
let org: Org;
let doctor: TestAccount;
let client: Client;
let patientId: string;
let visits: string[];

beforeAll(async () => {
  h = await startIdentityApp();
  clinic = await createClinic(h.db, { slug: 'er-clinic', providers: 2 });
  const desk = staffOf(clinic.orgId);
  patientId = (
    await createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) }).register(
      desk,
      ada(),
    )
  ).id;
  // Two visits with the first provider; the doctor below is the second, who has never seen her.
  visits = [];
  for (const days of [8, 9]) {
    const booked = await hold(
      desk,
      { ...h.booking, now: () => Date.now() },
      holdRequest(clinic, patientId, days, { confirm: true }),
    );
    visits.push(booked.id);
  }
  org = { id: clinic.orgId, slug: 'er-clinic', locationId: clinic.locationId };
  doctor = await addAccount(h, org, { roles: ['clinician'], providerId: clinic.providerIds[1] });
  await addAlertRule(h, clinic.orgId, { kind: 'break_glass' });
  client = await signIn(h, doctor);
  // Past the freshness of the sign-in itself: breaking glass needs a step-up of its own.
  h.clock.advance(10 * 60_000);
});
afterAll(() => h.close());

const record = () => client.get(`/api/patients/${patientId}`);
const breakGlass = (body: unknown, id = patientId) =>
  client.post(`/api/patients/${id}/emergency-access`, body);

describe('break-glass access', () => {
  it('a clinician who does not treat the patient sees identity but not the clinical record', async () => {
    const res = await record();
    expect(res.statusCode).toBe(200);
    expect(res.json().legalName).toEqual({ given: 'Ada', family: 'Quill' });
    expect(res.json()).not.toHaveProperty('appointments');
  });

  it('needs a fresh step-up and a reason code; a refusal is still a break-glass event', async () => {
    const stale = await breakGlass({ reason: 'emergency_care' });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:hourglass:problem:step-up-required');
    const events = await listAuditEvents(h.db, {
      requestId: String(stale.headers['x-request-id']),
    });
    expect(events.map((e) => [e.action, e.outcome, e.patient_id])).toEqual([
      ['patient.break_glass', 'denied', patientId],
    ]);

    const stepUp = await client.post('/api/auth/step-up', { password: doctor.password });
    expect(stepUp.statusCode).toBe(204);
    const prose = await breakGlass({ reason: 'she collapsed in the waiting room' });
    expect(prose.statusCode).toBe(400);
    expect(prose.json().errors[0].pointer).toBe('/body/reason');
    const unknown = await breakGlass(
      { reason: 'emergency_care' },
      '00000000-0000-4000-8000-00000000c0ff',
    );
    expect(unknown.statusCode).toBe(404);
    const { rows } = await h.db.query('select 1 from emergency_access');
    expect(rows).toEqual([]);
  });

  it('opens the clinical record for an hour, audited, and alerts compliance officers', async () => {
    const res = await breakGlass({ reason: 'emergency_care' });
    expect(res.statusCode).toBe(201);
    const grant = res.json();
    expect(grant).toMatchObject({ patientId, reason: 'emergency_care' });
    expect(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt)).toBe(60 * 60_000);
    const granted = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(granted.map((e) => [e.action, e.outcome, e.patient_id, e.actor_id])).toEqual([
      ['patient.break_glass', 'success', patientId, doctor.account.id],
    ]);

    const opened = await record();
    expect(
      opened
        .json()
        .appointments.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual([...visits].sort());
    const read = await listAuditEvents(h.db, { requestId: String(opened.headers['x-request-id']) });
    expect(read.map((e) => e.action)).toContain('patient.appointments.read');

    // Every attempt is reported, refused ones included, each naming its outcome.
    const alerts = (await sealAndRunAlerts(h)).filter((a) => a.kind === 'break_glass');
    expect(new Set(alerts.map((a) => a.subject))).toEqual(new Set([doctor.account.id]));
    expect(alerts.map((a) => /, (\w+)\)$/.exec(a.summary)![1]).sort()).toEqual([
      'denied',
      'failed',
      'failed',
      'success',
    ]);
    expect(JSON.stringify(alerts)).not.toMatch(/Quill|Ada/);
  });

  it("is the clinician's own: a colleague sees nothing through it, another clinic cannot break glass here", async () => {
    const colleague = await signIn(
      h,
      await addAccount(h, org, { roles: ['clinician'], providerId: clinic.providerIds[1] }),
    );
    const seen = await colleague.get(`/api/patients/${patientId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).not.toHaveProperty('appointments');

    const elsewhere = await createClinic(h.db, { slug: 'elsewhere', providers: 1 });
    const outsider = await addAccount(
      h,
      { id: elsewhere.orgId, slug: 'elsewhere', locationId: elsewhere.locationId },
      { roles: ['clinician'], providerId: elsewhere.providerIds[0] },
    );
    const c = await signIn(h, outsider);
    expect((await c.post('/api/auth/step-up', { password: outsider.password })).statusCode).toBe(
      204,
    );
    const res = await c.post(`/api/patients/${patientId}/emergency-access`, {
      reason: 'emergency_care',
    });
    expect(res.statusCode).toBe(404);
    const { rows } = await h.db.query<{ account_id: string }>(
      'select account_id from emergency_access',
    );
    expect(rows).toEqual([{ account_id: doctor.account.id }]);
    expect((await c.get(`/api/patients/${patientId}`)).statusCode).toBe(404);
  });

  it('closes again when the hour is over', async () => {
    h.clock.advance(61 * 60_000);
    client = await signIn(h, doctor);
    const res = await record();
    expect(res.statusCode).toBe(200);
    expect(res.json()).not.toHaveProperty('appointments');
  });
});
