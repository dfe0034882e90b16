import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, type TestAccount } from '../../../test/identity-fixtures.ts';
import { holdRequest } from '../../../test/clinic.ts';
import { startPortal, type Portal } from '../../../test/portal.ts';

let p: Portal;
let carol: TestAccount;
let bobPatient: string;
let consentId: string;

beforeAll(async () => {
  p = await startPortal('proxy');
  carol = await addAccount(p.h, p.org, { kind: 'patient' });
  bobPatient = p.bob.account.patient_id!;
  // Bob lets Alice's account book for him (the consent as the patients module records it).
  const { rows } = await p.h.db.query<{ id: string }>(
    `insert into patient_proxies (organization_id, patient_id, proxy_account_id, kind, scope,
       granted_by_type, granted_by_id, granted_at)
     values ($1, $2, $3, 'proxy', 'scheduling', 'patient', $4, $5) returning id`,
    [p.org.id, bobPatient, p.alice.account.id, p.bob.account.id, p.h.clock.now()],
  );
  consentId = rows[0]!.id;
});
afterAll(() => p.h.close());

describe('booking for someone else (proxy consents)', () => {
  it('an account without consents has no dependants', async () => {
    // (The listing with names is proven in e2e/book-proxy.e2e.test.ts, on the demo's records.)
    const none = await (await p.as(carol)).get('/api/me/dependants');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ dependants: [] });
  });

  it('a proxy holds, confirms, views and lists a visit for the patient the consent covers', async () => {
    const alice = await p.as(p.alice);
    const held = await alice.post(
      '/api/appointments',
      holdRequest(p.clinic, bobPatient, p.at(2, '09:00')),
    );
    expect(held.statusCode, held.body).toBe(201);
    const id = held.json().id as string;
    expect(held.json().patientId).toBe(bobPatient);
    const confirmed = await alice.post(`/api/appointments/${id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await alice.get(`/api/appointments/${id}`)).statusCode).toBe(200);
    const listed = await alice.get(`/api/me/appointments?patientId=${bobPatient}`);
    expect(listed.json().appointments.map((a: { id: string }) => a.id)).toEqual([id]);
    const eligibility = await alice.get(
      `/api/me/eligibility?appointmentTypeId=${p.clinic.typeId}&patientId=${bobPatient}`,
    );
    expect(eligibility.statusCode).toBe(200);
    // Her own list does not show his visit.
    expect((await alice.get('/api/me/appointments')).json().appointments).toEqual([]);
  });

  it('without a consent, the other patient and their visits look like nothing (404)', async () => {
    const visit = await p.book(p.bob, p.at(3, '11:00'));
    const c = await p.as(carol);
    const held = await c.post('/api/appointments', holdRequest(p.clinic, bobPatient, p.at(3)));
    expect(held.statusCode).toBe(404);
    expect((await c.get(`/api/appointments/${visit.id}`)).statusCode).toBe(404);
    expect((await c.get(`/api/me/appointments?patientId=${bobPatient}`)).statusCode).toBe(404);
    expect((await c.get(`/api/me/appointments?patientId=${crypto.randomUUID()}`)).statusCode).toBe(
      404,
    );
    expect(
      (await c.post(`/api/appointments/${visit.id}/cancel`, { reasonCode: 'other' })).statusCode,
    ).toBe(404);
  });

  it('once the consent is revoked, the proxy reaches nothing of the patient', async () => {
    const visit = await p.book(p.bob, p.at(4, '11:00'));
    await p.h.db.query(
      `update patient_proxies set revoked_at = $2, revoked_by_id = $3 where id = $1`,
      [consentId, p.h.clock.now(), p.bob.account.id],
    );
    const alice = await p.as(p.alice);
    expect((await alice.get(`/api/appointments/${visit.id}`)).statusCode).toBe(404);
    expect(
      (await alice.post('/api/appointments', holdRequest(p.clinic, bobPatient, p.at(4))))
        .statusCode,
    ).toBe(404);
    expect((await alice.get('/api/me/dependants')).json()).toEqual({ dependants: [] });
  });
});
