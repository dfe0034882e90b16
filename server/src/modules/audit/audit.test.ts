import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { currentRequest, enterRequest } from '../../platform/http/request-context.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
});
afterAll(() => t.drop());

describe('audit.record', () => {
  it('counts an event for its request only once it is written', async () => {
    const failing = {
      query: async () => {
        throw new Error('connection lost');
      },
    };
    const written = createAudit(t.db);
    const counts = await new Promise<number[]>((resolve, reject) => {
      const req = { id: 'r_count', ip: '203.0.113.9', headers: {} } as never;
      enterRequest(req, () => {
        const entry = {
          actor: { type: 'system', job: 'test' } as const,
          action: 'test.count',
          resourceType: 'test',
          outcome: 'success' as const,
        };
        createAudit(failing)
          .record(entry)
          .catch(() => currentRequest()!.eventsRecorded)
          .then(async (afterFailure) => {
            await written.record(entry);
            resolve([afterFailure as number, currentRequest()!.eventsRecorded]);
          })
          .catch(reject);
      });
    });
    expect(counts).toEqual([0, 1]);
  });

  it('appends an event with ids, never values', async () => {
    const audit = createAudit(t.db);
    await audit.record({
      actor: {
        type: 'user',
        id: 'u_1',
        organizationId: '00000000-0000-4000-8000-000000000001',
        roles: ['front_desk'],
      },
      action: 'patient.read',
      resourceType: 'patient',
      resourceId: 'p_9',
      patientId: '00000000-0000-4000-8000-000000000009',
      outcome: 'success',
      requestId: 'r_1',
      ip: '203.0.113.5',
    });
    const [event] = await listAuditEvents(t.db, { requestId: 'r_1' });
    expect(event).toMatchObject({
      organization_id: '00000000-0000-4000-8000-000000000001',
      actor_type: 'user',
      actor_id: 'u_1',
      actor_role: 'front_desk',
      action: 'patient.read',
      resource_id: 'p_9',
      outcome: 'success',
      source_ip: '203.0.113.5',
    });
    expect(event!.occurred_at).toBeInstanceOf(Date);
  });

  it('commits or rolls back with the change it audits', async () => {
    const audit = createAudit(t.db);
    await t.db
      .transaction(async (tx) => {
        await audit.record(
          {
            actor: { type: 'anonymous' },
            action: 'x',
            resourceType: 'x',
            outcome: 'success',
            requestId: 'r_rolled_back',
          },
          tx,
        );
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await listAuditEvents(t.db, { requestId: 'r_rolled_back' })).toEqual([]);
  });

  it('cannot be changed or removed, even with direct SQL', async () => {
    await expect(t.db.query("update audit_events set action = 'edited'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('delete from audit_events')).rejects.toThrow(/append-only/);
    await expect(t.db.query('truncate audit_events')).rejects.toThrow(/append-only/);
    expect((await listAuditEvents(t.db)).length).toBeGreaterThan(0);
  });
});
