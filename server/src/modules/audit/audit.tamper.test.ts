import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
import { verifyAudit, type Finding } from './audit.verify.ts';

// An attacker with superuser rights on the database switches the append-only triggers off and
// rewrites history. `audit verify` must catch each kind of edit and name where it happened.
// Every scenario starts from the same trail: 10 reads sealed as checkpoint 1 (seq 1-6) and
// checkpoint 2 (seq 7-10), witnessed in a file outside the database.

const signer = newSigner();

async function sealedTrail() {
  const t = await createTestDb();
  await migrate(t.db);
  const witness = tempWitness();
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer,
    witnesses: [witness],
  });
  await recordReads(t.db, 6);
  await sealEverything(sealer, t.db);
  await recordReads(t.db, 4, 7);
  await sealEverything(sealer, t.db);
  const verify = () => verifyAudit(t.db, { signer, witnesses: [witness] });
  expect((await verify()).ok).toBe(true);
  return { t, verify, witness };
}

const messages = (failures: Finding[]) => failures.map((f) => f.message);

let trails: TestDb[] = [];
beforeAll(() => {
  trails = [];
});
afterAll(async () => {
  await Promise.all(trails.map((t) => t.drop()));
});

async function trail() {
  const s = await sealedTrail();
  trails.push(s.t);
  return s;
}

describe('audit verify catches an attacker who', () => {
  it('edits one field of one event, and names that event', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [`update audit_events set actor_id = 'u_someone_else' where seq = 4`]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({ seq: '4', firstSeq: '1', lastSeq: '6' }),
    ]);
    expect(messages(report.failures)[0]).toMatch(
      /checkpoint 1 \(seq 1-6\): event seq 4 .* was altered/,
    );
  });

  it('deletes one event, and names the gap it left', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [`delete from audit_events where seq = 8`]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(messages(report.failures)).toEqual([
      expect.stringMatching(
        /checkpoint 2 \(seq 7-10\): 1 sealed event\(s\) missing \(leaf 2 of 4\), first gap between seq 7 and seq 9/,
      ),
    ]);
  });

  it('swaps two events, and names both', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [
      `update audit_events a set occurred_at = b.occurred_at, resource_id = b.resource_id,
         patient_id = b.patient_id, request_id = b.request_id
         from audit_events b where (a.seq, b.seq) in ((2, 5), (5, 2))`,
    ]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.seq)).toEqual(['2', '5']);
  });

  it('truncates the newest events, and names the range they were in', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [`delete from audit_events where seq >= 9`]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(messages(report.failures)).toEqual([
      expect.stringMatching(/checkpoint 2 \(seq 7-10\): 2 sealed event\(s\) missing .*after seq 8/),
    ]);
  });

  it('truncates the newest events together with their checkpoint, which the witness still holds', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [
      `delete from audit_events where seq >= 7`,
      `delete from audit_checkpoints where no = 2`,
    ]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(messages(report.failures)).toEqual([
      expect.stringMatching(
        /checkpoint 2 \(seq 7-10\) is in witness .* but missing from the database/,
      ),
    ]);
  });

  it('edits a sealed leaf hash to match an edited event, and is caught by the signed root', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [
      `update audit_events set action = 'patient.search' where seq = 3`,
      `update audit_checkpoints set leaf_hashes = set_byte(leaf_hashes, 64, get_byte(leaf_hashes, 64) # 255) where no = 1`,
    ]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(messages(report.failures)).toEqual([
      expect.stringMatching(
        /checkpoint 1 \(seq 1-6\): events and recorded leaf hashes both differ/,
      ),
    ]);
  });

  it('rewrites the whole table and re-chains it with a key of their own', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [
      `delete from audit_events where seq in (2, 3)`,
      `update audit_events set actor_id = 'u_nobody'`,
      `delete from audit_checkpoints`,
    ]);
    const forger = createSealer({
      ...settleGenerously,
      db: t.db,
      signer: newSigner(),
      witnesses: [],
    });
    expect(await forger.sealOnce()).toHaveLength(1);

    const report = await verify();
    expect(report.ok).toBe(false);
    const found = messages(report.failures);
    expect(found).toContainEqual(
      expect.stringMatching(
        /database: checkpoint 1 \(seq 1-10\): is signed by key \w+, not the audit key/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/checkpoint 1 \(seq 1-6\) in the database differs from witness/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /checkpoint 2 \(seq 7-10\) is in witness .* but missing from the database/,
      ),
    );
  });
});

describe('audit verify does not take a missing or trimmed witness for a late one', () => {
  const witnessFile = (w: { dir: string }) => path.join(w.dir, 'checkpoints.jsonl');
  const keepLines = (w: { dir: string }, n: number) => {
    const lines = readFileSync(witnessFile(w), 'utf8').split('\n').slice(0, n);
    writeFileSync(witnessFile(w), lines.map((l) => l + '\n').join(''));
  };

  it('fails when the witness file is deleted', async () => {
    const { verify, witness } = await trail();
    rmSync(witnessFile(witness));
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(messages(report.failures)).toEqual([
      expect.stringMatching(/witness .* is missing while the database holds 2 checkpoint\(s\)/),
    ]);
  });

  it('fails when the witness lags by more than the newest checkpoint, naming the range', async () => {
    const { verify, witness } = await trail();
    keepLines(witness, 0);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      expect.objectContaining({
        firstSeq: '1',
        lastSeq: '10',
        message: expect.stringMatching(
          /checkpoint\(s\) 1-2 \(seq 1-10\) are in the database but not in witness/,
        ) as unknown,
      }),
    ]);
  });

  it('accepts a witness one checkpoint behind (the seal in flight), with a note', async () => {
    const { verify, witness } = await trail();
    keepLines(witness, 1);
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.notes).toContainEqual(
      expect.stringMatching(/the newest checkpoint \(2\) is not yet in witness/),
    );
  });
});

describe('audit verify --from --to', () => {
  it('recomputes only the events of the checkpoints in range, and still checks the whole chain', async () => {
    const { t, verify } = await trail();
    await asAttacker(t.db, [`update audit_events set outcome = 'denied' where seq = 2`]);
    const later = await verifyAudit(t.db, {
      signer,
      witnesses: [],
      fromSeq: '7',
      toSeq: '10',
    });
    expect(later).toMatchObject({ ok: true, eventsChecked: 4 });
    expect((await verify()).failures.map((f) => f.seq)).toEqual(['2']);
  });
});
