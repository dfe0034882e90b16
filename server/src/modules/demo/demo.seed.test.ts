import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit } from '../audit/audit.service.ts';
import {
  Client,
  codeIn,
  nextMail,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { createPatients } from '../patients/patients.service.ts';
import { demoPatients } from './demo.patients.ts';
import { seedDemo } from './demo.seed.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
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
  it('adds the demo patients encrypted and the new-patient intake form (by key and by visit type), once', async () => {
    expect(await seedDemo(h.db, h.vault)).toBe(true);
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    const { rows } = await h.db.query<{ n: number }>(
      'select count(*)::int as n from patient_identity',
    );
    expect(rows[0]!.n).toBe(demoPatients.length);
    // The new-patient questions, once by their old key and once by the visit type's id (the
    // key the booking flow and intake prerequisites use).
    const forms = await h.db.query<{ appointment_type: string }>(
      'select appointment_type from intake_forms order by appointment_type',
    );
    expect(forms.rows.map((r) => r.appointment_type)).toHaveLength(2);
    expect(forms.rows.map((r) => r.appointment_type)).toContain('new-patient');
    const found = await lookUpAsFrontDesk({ mrn: 'DEMO-0002' });
    expect(found.map((p) => p.legalName?.family)).toEqual(['Patient-Okafor']);
  });

  it('makes the demo patient account a patient of the clinic who can fill in the intake form', async () => {
    await seedDemo(h.db, h.vault);
    const c = new Client(h);
    const email = 'patient@demo.hourglass.invalid';
    const before = h.smtp.to(email);
    const signIn = await c.post('/api/auth/sign-in', {
      organization: 'demo',
      email,
      password: 'demo patient passphrase',
    });
    expect(signIn.statusCode).toBe(200);
    // The demo patient's second factor: the code emailed to it (the outbox, in development).
    const code = codeIn(await nextMail(h.smtp, email, before));
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
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
    // Their record is a demo patient with an identity, found by its blind index like any other.
    const found = await lookUpAsFrontDesk({ mrn: 'DEMO-0001' });
    expect(found.map((p) => p.id)).toEqual([patientId]);
  });

  it('links the demo patient account to a vault patient, also on a clinic seeded before the link', async () => {
    const demoAccount = async () =>
      (
        await h.db.query<{ id: string; organization_id: string; patient_id: string }>(
          `select id::text, organization_id::text, patient_id::text from accounts
            where is_demo and kind = 'patient'`,
        )
      ).rows[0]!;
    const asPatient = (a: Awaited<ReturnType<typeof demoAccount>>) => ({
      type: 'patient' as const,
      id: a.id,
      organizationId: a.organization_id,
      patientId: a.patient_id,
    });
    const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
    const linked = await demoAccount();
    const me = await patients.get(asPatient(linked), linked.patient_id);
    expect(me).toMatchObject({ legalName: { family: 'Patient-Alvarez' }, mrn: 'DEMO-0001' });

    // A demo clinic from before: the patient account on a bare patients row is moved over.
    const { rows } = await h.db.query<{ id: string }>(
      'insert into patients (organization_id) values ($1) returning id::text',
      [linked.organization_id],
    );
    await h.db.query('update accounts set patient_id = $1 where id = $2', [rows[0]!.id, linked.id]);
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    expect((await demoAccount()).patient_id).toBe(linked.patient_id);
  });
});
