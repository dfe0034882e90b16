import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { Client } from '../../../test/identity-fixtures.ts';
import { createPatients } from '../patients/patients.service.ts';
import { demoAccountPatient, demoPatients } from './demo.patients.ts';
import { seedDemo } from './demo.seed.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

/** Looks patients up as the demo clinic's front desk would. */
async function lookUpAsFrontDesk(by: { mrn: string } | { email: string }) {
  const { rows } = await h.db.query<{ id: string }>(
    `select id from organizations where slug = 'demo'`,
  );
  const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
  const fd = {
    type: 'user' as const,
    id: 'fd',
    organizationId: rows[0]!.id,
    roles: ['front_desk'],
  };
  return patients.lookup(fd, by);
}

describe('the demo seed with the PHI vault', () => {
  it('adds the demo patients encrypted and the new-patient intake form, once', async () => {
    expect(await seedDemo(h.db, h.vault)).toBe(true);
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    const { rows } = await h.db.query<{ n: number }>(
      'select count(*)::int as n from patient_identity',
    );
    expect(rows[0]!.n).toBe(demoPatients.length + 1);
    const forms = await h.db.query<{ n: number }>('select count(*)::int as n from intake_forms');
    expect(forms.rows[0]!.n).toBe(1);
    const found = await lookUpAsFrontDesk({ mrn: 'DEMO-0002' });
    expect(found.map((p) => p.legalName?.family)).toEqual(['Patient-Okafor']);
  });

  it('makes the demo patient account a patient of the clinic who can fill in the intake form', async () => {
    await seedDemo(h.db, h.vault);
    const c = new Client(h);
    const signIn = await c.post('/api/auth/sign-in', {
      organization: 'demo',
      email: 'patient@demo.hourglass.invalid',
      password: 'demo patient passphrase',
    });
    expect(signIn.statusCode).toBe(200);
    const { organizationId, patientId } = (await c.get('/api/auth/session')).json().account;
    const form = await c.get(`/api/organizations/${organizationId}/intake-forms/new-patient`);
    const question = form
      .json()
      .definition.questions.find((q: { id: string }) => q.id === 'insurance_member_id');
    expect(question).toMatchObject({ sensitive: true, showWhen: { questionId: 'insured' } });
    const draftUrl = `/api/patients/${patientId}/intake/${form.json().id}/draft`;
    const answers = { insured: true, insurance_member_id: 'DEMO-M-4821' };
    expect((await c.request('PUT', draftUrl, { answers })).statusCode).toBe(200);
    expect((await c.get(draftUrl)).json().draft.answers).toEqual(answers);
    // Their record is the one with an identity, found by its blind index like any other.
    const found = await lookUpAsFrontDesk({ email: demoAccountPatient.email! });
    expect(found.map((p) => p.id)).toEqual([patientId]);
  });
});
