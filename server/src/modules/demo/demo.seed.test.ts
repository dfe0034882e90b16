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
});
