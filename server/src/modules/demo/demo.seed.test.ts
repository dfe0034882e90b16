import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { createPatients } from '../patients/patients.service.ts';
import { demoPatients } from './demo.patients.ts';
import { seedDemo } from './demo.seed.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

describe('the demo seed with the PHI vault', () => {
  it('adds the demo patients encrypted and the new-patient intake form, once', async () => {
    expect(await seedDemo(h.db, h.vault)).toBe(true);
    expect(await seedDemo(h.db, h.vault)).toBe(false);
    const { rows } = await h.db.query<{ n: number }>(
      'select count(*)::int as n from patient_identity',
    );
    expect(rows[0]!.n).toBe(demoPatients.length);
    const forms = await h.db.query<{ n: number }>('select count(*)::int as n from intake_forms');
    expect(forms.rows[0]!.n).toBe(1);
    const { rows: org } = await h.db.query<{ id: string }>(
      `select id from organizations where slug = 'demo'`,
    );
    const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
    const fd = {
      type: 'user' as const,
      id: 'fd',
      organizationId: org[0]!.id,
      roles: ['front_desk'],
    };
    const found = await patients.lookup(fd, { mrn: 'DEMO-0002' });
    expect(found.map((p) => p.legalName?.family)).toEqual(['Patient-Okafor']);
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
