import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { encryptedTables } from '../../app.ts';
import { createAudit } from '../../modules/audit/audit.service.ts';
import { ada } from '../../modules/patients/patients.fixtures.ts';
import { createPatients } from '../../modules/patients/patients.service.ts';
import { reencryptJob, reencryptQueue } from './keys.job.ts';
import { keyInventory, rotateKeys } from './keys.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { HOURGLASS_JOBS: 'true' } });
});
afterAll(() => h.close());

describe('the background re-encryption job', () => {
  it('moves rows left under an old key version onto the current one while the server runs, and audits each batch', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('jobs', 'Jobs Clinic') returning id`,
    );
    const fd = {
      type: 'user' as const,
      id: 'fd',
      organizationId: rows[0]!.id,
      roles: ['front_desk'],
    };
    const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await patients.register(
            fd,
            ada({ email: `job${i}@example.org`, mrn: `MRN-J${i}`, dateOfBirth: `197${i}-01-01` }),
          )
        ).id,
      );
    }
    await rotateKeys(h.db, h.vault); // as `hourglass keys rotate --no-reencrypt` would
    await h.jobs!.send(reencryptQueue, {});

    const underV1 = async () =>
      (await keyInventory(h.db, encryptedTables)).find(
        (k) => k.dataClass === 'identifiers' && k.version === 1,
      )?.rows.patient_identity ?? -1;
    for (let waited = 0; (await underV1()) > 0 && waited < 50; waited++) await sleep(200);
    expect(await underV1()).toBe(0);
    for (const id of ids) expect((await patients.get(fd, id)).legalName?.family).toBe('Quill');
    expect(h.logs.join('')).toMatch(/re-encryption finished/);
    expect(h.logs.join('')).not.toMatch(/Quill|job0@example/);
    const { rows: events } = await h.db.query(
      `select action, actor_type, organization_id, resource_type, resource_ids, outcome
         from audit_events where actor_id = $1`,
      [reencryptJob],
    );
    expect(events).toEqual([
      {
        action: 'keys.reencrypt',
        actor_type: 'system',
        organization_id: fd.organizationId,
        resource_type: 'patient_identity',
        resource_ids: expect.arrayContaining(ids),
        outcome: 'success',
      },
    ]);
    expect((events[0]!.resource_ids as string[]).length).toBe(3);
  });
});
