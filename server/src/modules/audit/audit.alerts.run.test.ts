import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createAlertEngine } from './audit.alerts.ts';
import { alertCursor, insertRule, sealedUpTo } from './audit.alerts.store.ts';
import { createAudit } from './audit.service.ts';
import { frontDesk, orgId, patientNo, sealWithThrowawayKey } from './audit.testkit.ts';

// A run of the alert engine keeps up with a busy clinic: it evaluates batch after batch until
// every sealed event is done, saving its cursor after each, instead of one batch per tick.

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  await insertRule(t.db, {
    id: randomUUID(),
    organization_id: orgId,
    kind: 'break_glass',
    params: {},
    webhook_url: null,
    webhook_secret_enc: null,
  });
});
afterAll(() => t.drop());

async function breakGlass(n: number) {
  const audit = createAudit(t.db);
  for (let i = 1; i <= n; i++) {
    await audit.record({
      actor: frontDesk,
      action: 'patient.break_glass',
      resourceType: 'patient',
      patientId: patientNo(i),
      outcome: 'success',
    });
  }
  await sealWithThrowawayKey(t.db);
}

describe('an alert run', () => {
  it('evaluates a backlog of several batches in one run, up to the newest sealed event', async () => {
    await breakGlass(7);
    const engine = createAlertEngine({ db: t.db, batchSize: 2 });
    const raised = await engine.runOnce();
    expect(raised).toHaveLength(7);
    expect(await alertCursor(t.db)).toBe(await sealedUpTo(t.db));
    expect(await engine.runOnce()).toEqual([]);
  });

  it('stops starting batches when its time is spent, and the next run goes on from its cursor', async () => {
    await breakGlass(5);
    const before = BigInt(await alertCursor(t.db));
    const engine = createAlertEngine({ db: t.db, batchSize: 2, runBudgetMs: 0 });
    expect(await engine.runOnce()).toHaveLength(2);
    expect(BigInt(await alertCursor(t.db))).toBe(before + 2n);
    expect(await createAlertEngine({ db: t.db, batchSize: 2 }).runOnce()).toHaveLength(3);
  });
});
