import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createSealer } from './audit.sealer.ts';
import {
  asAttacker,
  newSigner,
  recordReads,
  sealEverything,
  settleGenerously,
  tempWitness,
} from './audit.testkit.ts';
import { verifyAudit } from './audit.verify.ts';

// Verification streams: it reads checkpoints a page at a time and recomputes one checkpoint's
// events before reading the next, so a long trail does not have to fit in memory. Small pages
// must give exactly the report one big page gives.

const signer = newSigner();
const witness = tempWitness();
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  // Seven checkpoints of three events each.
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer,
    witnesses: [witness],
    batchSize: 3,
  });
  await recordReads(t.db, 21);
  await sealEverything(sealer, t.db);
});
afterAll(() => t.drop());

describe('audit verify, page by page', () => {
  it('gives the same report with pages of two checkpoints as with one page, intact and tampered', async () => {
    const verify = (pageSize?: number) =>
      verifyAudit(t.db, { signer, witnesses: [witness], ...(pageSize ? { pageSize } : {}) });
    const whole = await verify();
    expect(whole).toMatchObject({ ok: true, checkpoints: 7, eventsChecked: 21 });
    expect(await verify(2)).toEqual(whole);

    await asAttacker(t.db, [
      `update audit_events set outcome = 'denied' where seq = 20`,
      `delete from audit_events where seq = 5`,
    ]);
    const tampered = await verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/^checkpoint 2 \(seq 4-6\): 1 sealed event\(s\) missing/),
      expect.stringMatching(/^checkpoint 7 \(seq 19-21\): event seq 20 .* was altered/),
    ]);
    expect(await verify(2)).toEqual(tampered);
    expect(await verify(1)).toEqual(tampered);
  });
});
