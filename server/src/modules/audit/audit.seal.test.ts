import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adminUrl, createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { createSealer } from './audit.sealer.ts';
import { newSigner, recordReads, settleGenerously, tempWitness } from './audit.testkit.ts';
import { verifyAudit } from './audit.verify.ts';
import { listAuditEvents } from './audit.store.ts';
import { allCheckpoints } from './audit.checkpoints.store.ts';
import { checkProof, proveEvent } from './audit.prove.ts';

const open: TestDb[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.drop()));
});

async function trail() {
  const t = await createTestDb();
  open.push(t);
  await migrate(t.db);
  const signer = newSigner();
  const witness = tempWitness();
  const sealer = createSealer({
    ...settleGenerously,
    db: t.db,
    signer,
    witnesses: [witness],
  });
  const verify = () => verifyAudit(t.db, { signer, witnesses: [witness] });
  return { db: t.db, signer, witness, sealer, verify };
}

describe('sealing the audit trail', () => {
  it('seals events in sequence order into signed checkpoints, in the database and the witness file', async () => {
    const { db, sealer, witness, verify, signer } = await trail();
    await recordReads(db, 5);
    const [first] = await sealer.sealOnce();
    expect(first).toMatchObject({ no: '1', firstSeq: '1', lastSeq: '5', count: 5 });
    expect(first!.prev).toBe('0'.repeat(64));

    expect(await sealer.sealOnce()).toEqual([]);
    await recordReads(db, 3, 6);
    const [second] = await sealer.sealOnce();
    expect(second).toMatchObject({ no: '2', firstSeq: '6', lastSeq: '8', prev: first!.hash });

    const lines = readFileSync(path.join(witness.dir, 'checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hash: string });
    expect(lines.map((l) => l.hash)).toEqual([first!.hash, second!.hash]);
    expect((await allCheckpoints(db)).map((c) => c.hash)).toEqual([first!.hash, second!.hash]);

    const report = await verify();
    expect(report).toMatchObject({ ok: true, checkpoints: 2, eventsChecked: 8, failures: [] });

    const [event] = await listAuditEvents(db, { requestId: 'req_7' });
    const proof = await proveEvent(db, signer, event!.id);
    expect(proof).toMatchObject({ seq: '7', leafIndex: 1, treeSize: 3 });
    expect(checkProof(proof, signer)).toBe(true);
    expect(checkProof({ ...proof, leafIndex: 0 }, signer)).toBe(false);
  });

  it('splits a long backlog into batches that stay contiguous and chained', async () => {
    const { db, signer, witness } = await trail();
    await recordReads(db, 12);
    const sealer = createSealer({
      ...settleGenerously,
      db,
      signer,
      witnesses: [witness],
      batchSize: 5,
    });
    const written = await sealer.sealOnce();
    expect(written.map((c) => [c.firstSeq, c.lastSeq])).toEqual([
      ['1', '5'],
      ['6', '10'],
      ['11', '12'],
    ]);
    const report = await verifyAudit(db, { signer, witnesses: [witness] });
    expect(report.ok).toBe(true);
  });

  it('covers the gap a rolled-back booking leaves in the sequence', async () => {
    const { db, sealer, verify } = await trail();
    await recordReads(db, 2);
    await db
      .transaction(async (tx) => {
        await recordReads(tx, 1, 3);
        throw new Error('the booking failed');
      })
      .catch(() => undefined);
    await recordReads(db, 1, 4);
    const [c] = await sealer.sealOnce();
    expect(c).toMatchObject({ firstSeq: '1', lastSeq: '4', count: 3 });
    expect((await verify()).ok).toBe(true);
  });

  it('notes events that are not sealed yet without failing', async () => {
    const { db, sealer, verify } = await trail();
    await recordReads(db, 2);
    await sealer.sealOnce();
    await recordReads(db, 2, 3);
    const report = await verify();
    expect(report.ok).toBe(true);
    expect(report.notes).toEqual([
      expect.stringMatching(/2 event\(s\) not sealed yet \(seq 3-4\)/),
    ]);
  });

  it('seals what is left when it stops', async () => {
    const { db, sealer } = await trail();
    sealer.start(60_000);
    await recordReads(db, 4);
    await sealer.stop();
    expect((await allCheckpoints(db)).map((c) => c.last_seq)).toEqual(['4']);
  });

  it('after a restart, catches a witness up by the newest checkpoint but never rebuilds a deleted one', async () => {
    const { db, signer, witness, sealer, verify } = await trail();
    for (let i = 0; i < 3; i++) {
      await recordReads(db, 2, i * 2 + 1);
      await sealer.sealOnce();
    }
    const lines = readFileSync(witness.name, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const restart = () => {
      const errors: unknown[] = [];
      const log = { error: (o: unknown) => errors.push(o) } as never;
      const next = createSealer({ ...settleGenerously, db, signer, witnesses: [witness], log });
      return { errors, next };
    };
    // A crash between sealing and witnessing: the newest checkpoint is appended on restart.
    writeFileSync(witness.name, lines.slice(0, 2).join('\n') + '\n');
    const crashed = restart();
    await crashed.next.sealOnce();
    expect(readFileSync(witness.name, 'utf8').trimEnd().split('\n')).toEqual(lines);
    expect(crashed.errors).toEqual([]);
    // Deleted: left missing, reported, and verification fails.
    rmSync(witness.name);
    const deleted = restart();
    await deleted.next.sealOnce();
    expect(existsSync(witness.name)).toBe(false);
    expect(deleted.errors).toEqual([expect.objectContaining({ behind: 3, from: '1' })]);
    expect((await verify()).ok).toBe(false);
  });

  // PGlite runs one transaction at a time, so a booking still in flight while the sealer runs can
  // only happen on PostgreSQL; this scenario is registered for the PostgreSQL run.
  if (adminUrl) {
    it('never makes a booking wait, and never seals past one still in flight', async () => {
      const { db, signer, witness, sealer: generous, verify } = await trail();
      // This sealer gives up quickly: it is expected to find the booking still running.
      const sealer = createSealer({ db, signer, witnesses: [witness], settleTries: 3 });
      await recordReads(db, 2);
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      let recorded!: () => void;
      const inFlight = new Promise<void>((resolve) => (recorded = resolve));
      const booking = db.transaction(async (tx) => {
        await recordReads(tx, 1, 3); // takes seq 3 and stays uncommitted
        recorded();
        await finished;
      });
      try {
        await inFlight;
        await recordReads(db, 1, 4); // seq 4 commits first
        // seq 3 could still commit, so nothing past it is final: the sealer waits, not the booking.
        expect(await sealer.sealOnce()).toEqual([]);
        await recordReads(db, 1, 5);
        expect(await sealer.sealOnce()).toEqual([]);
      } finally {
        finish();
        await booking;
      }
      const [sealed] = await generous.sealOnce();
      expect(sealed).toMatchObject({ firstSeq: '1', lastSeq: '5', count: 5 });
      expect((await verify()).ok).toBe(true);
    });
  }
});
