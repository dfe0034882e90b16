import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createSealer } from './audit.sealer.ts';
import { PurgeRefused, purgeSealedBefore } from './audit.retention.ts';
import { listAuditEvents } from './audit.store.ts';
import {
  asAttacker,
  newSigner,
  recordReads,
  settleGenerously,
  tempWitness,
} from './audit.testkit.ts';
import { verifyAudit } from './audit.verify.ts';

const open: TestDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.drop()));
});

// Three checkpoints sealed in 2019, 2020 and 2026 (the sealer's clock is set for the test).
async function oldTrail() {
  const t = await createTestDb();
  open.push(t);
  await migrate(t.db);
  const signer = newSigner();
  const witness = tempWitness();
  let clock = new Date('2019-06-01T00:00:00Z');
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer,
    witnesses: [witness],
    now: () => clock,
  });
  await recordReads(t.db, 3);
  await sealer.sealOnce();
  clock = new Date('2020-06-01T00:00:00Z');
  await recordReads(t.db, 3, 4);
  await sealer.sealOnce();
  clock = new Date('2026-06-01T00:00:00Z');
  await recordReads(t.db, 3, 7);
  await sealer.sealOnce();
  const verify = () => verifyAudit(t.db, { signer, witnesses: [witness] });
  return { db: t.db, signer, witness, verify };
}

describe('the retention purge', () => {
  it('removes the events of checkpoints sealed before the cutoff, keeps them sealed, and audits itself', async () => {
    const { db, signer, witness, verify } = await oldTrail();
    const purged = await purgeSealedBefore(db, {
      signer,
      witnesses: [witness],
      cutoff: new Date('2021-01-01T00:00:00Z'),
    });
    expect(purged).toMatchObject({
      no: '1',
      through_checkpoint: '2',
      through_seq: '6',
      event_count: '6',
    });

    const left = await listAuditEvents(db);
    expect(left.map((e) => e.seq)).toEqual(['7', '8', '9', '10']);
    expect(left.at(-1)).toMatchObject({
      action: 'audit.purge',
      actor_type: 'system',
      actor_id: 'audit.retention',
      resource_id: '1-2',
    });

    const report = await verify();
    expect(report.failures).toEqual([]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /checkpoints up to 2 \(seq up to 6\): 6 event\(s\) purged by retention/,
      ),
    );
    expect(
      await purgeSealedBefore(db, { signer, witnesses: [witness], cutoff: new Date('2021-01-01') }),
    ).toBeNull();
  });

  it('refuses to purge a range that fails verification, so evidence is never destroyed', async () => {
    const { db, signer, witness } = await oldTrail();
    await asAttacker(db, [`update audit_events set actor_id = 'u_covered_up' where seq = 2`]);
    await expect(
      purgeSealedBefore(db, { signer, witnesses: [witness], cutoff: new Date('2021-01-01') }),
    ).rejects.toThrow(PurgeRefused);
    expect(await listAuditEvents(db)).toHaveLength(9);
  });

  it('is the only way to delete: without its flag the trigger still refuses', async () => {
    const { db, signer, witness } = await oldTrail();
    await purgeSealedBefore(db, { signer, witnesses: [witness], cutoff: new Date('2020-01-01') });
    await expect(db.query('delete from audit_events where seq = 9')).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_purges')).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_checkpoints')).rejects.toThrow(/append-only/);
  });

  it('does not let an attacker pass a deletion off as retention with a forged purge record', async () => {
    const { db, verify } = await oldTrail();
    await asAttacker(db, [
      `delete from audit_events where seq <= 3`,
      `insert into audit_purges values (1, 1, 3, 3, '2021-01-01T00:00:00.000Z', '2021-01-02T00:00:00.000Z', 'forged', 'AAAA')`,
    ]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.message)).toEqual([
      'purge record 1 (seq up to 3) is not signed by the audit key',
      expect.stringMatching(/checkpoint 1 \(seq 1-3\): 3 sealed event\(s\) missing/),
    ]);
  });
});
