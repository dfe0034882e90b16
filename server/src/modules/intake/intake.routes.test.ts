import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { createPatients } from '../patients/patients.service.ts';
import { createIntake } from './intake.service.ts';

let h: TestApp;
let org: string;
beforeAll(async () => {
  h = await startTestApp();
  const { rows } = await h.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('riverside', 'Riverside') returning id`,
  );
  org = rows[0]!.id;
  const audit = createAudit(h.db);
  const intake = createIntake({
    db: h.db,
    vault: h.vault,
    audit,
    patients: createPatients({ db: h.db, vault: h.vault, audit }),
  });
  await intake.defineForm(
    { type: 'user', id: 'admin-1', organizationId: org, roles: ['admin'] },
    'follow-up',
    {
      title: 'Follow-up',
      questions: [
        {
          id: 'better',
          type: 'yes_no',
          label: 'Feeling better?',
          whyWeAsk: 'To plan the visit.',
          required: true,
        },
      ],
    },
  );
});
afterAll(() => h.close());

describe('intake over HTTP', () => {
  it('anyone may read the questions of a form: they hold no PHI', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/organizations/${org}/intake-forms/follow-up`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      version: 1,
      definition: { questions: [{ id: 'better', whyWeAsk: 'To plan the visit.' }] },
    });
    const missing = await h.app.inject({
      method: 'GET',
      url: `/api/organizations/${org}/intake-forms/nope`,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('answers are refused to anonymous callers, and the attempt is audited', async () => {
    const url = `/api/patients/00000000-0000-4000-8000-000000000001/intake/00000000-0000-4000-8000-000000000002/submissions`;
    const res = await h.app.inject({ method: 'POST', url, payload: { answers: { better: true } } });
    expect(res.statusCode).toBe(401);
    const events = await listAuditEvents(h.db);
    expect(events.filter((e) => e.action === 'intake.submit').map((e) => e.outcome)).toEqual([
      'denied',
    ]);
  });
});
