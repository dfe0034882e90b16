import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../audit/audit.service.ts';
import { ada } from '../patients/patients.fixtures.ts';
import { createPatients } from '../patients/patients.service.ts';
import { purgeDraftsQueue } from './intake.jobs.ts';
import { createIntake } from './intake.service.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { HOURGLASS_JOBS: 'true' } });
});
afterAll(() => h.close());

describe('the draft purge job', () => {
  it('deletes drafts older than 7 days and keeps fresh ones', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('purge', 'Purge Clinic') returning id`,
    );
    const org = rows[0]!.id;
    const audit = createAudit(h.db);
    const patients = createPatients({ db: h.db, vault: h.vault, audit });
    const intake = createIntake({ db: h.db, vault: h.vault, audit, patients });
    const fd = { type: 'user' as const, id: 'fd', organizationId: org, roles: ['front_desk'] };
    const form = await intake.defineForm({ ...fd, roles: ['admin'] }, 'visit', {
      title: 'Visit',
      questions: [{ id: 'ok', type: 'yes_no', label: 'OK?', whyWeAsk: 'w', required: true }],
    });
    const old = (await patients.register(fd, ada({ email: 'old@example.org', mrn: 'MRN-OLD' }))).id;
    const fresh = (
      await patients.register(
        fd,
        ada({ email: 'new@example.org', mrn: 'MRN-NEW', dateOfBirth: '1990-01-01' }),
      )
    ).id;
    await intake.saveDraft(
      fd,
      old,
      form.id,
      { ok: true },
      new Date(Date.now() - 8 * 24 * 3600 * 1000),
    );
    await intake.saveDraft(fd, fresh, form.id, { ok: false });

    await h.jobs!.send(purgeDraftsQueue, {});
    const drafts = async () =>
      (await h.db.query<{ patient_id: string }>('select patient_id from intake_drafts')).rows.map(
        (r) => r.patient_id,
      );
    for (let waited = 0; (await drafts()).length > 1 && waited < 50; waited++) await sleep(200);
    expect(await drafts()).toEqual([fresh]);
  });
});
