import type { Db } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/log.ts';
import {
  eventLeaf,
  fromRow,
  genesisHash,
  signCheckpoint,
  toRow,
  type SignedCheckpoint,
  type Witness,
} from './audit.checkpoint.ts';
import { merkleRoot } from './audit.merkle.ts';
import type { AuditSigner } from './audit.signing.ts';
import {
  canonicalEvents,
  horizonSettled,
  sealHorizon,
  trySealLock,
  type CanonicalRow,
} from './audit.store.ts';
import { checkpointsAfter, insertCheckpoint, lastCheckpoint } from './audit.checkpoints.store.ts';

export interface Sealer {
  /** Seals what is final now; returns the checkpoints it wrote (none when nothing was ready). */
  sealOnce(): Promise<SignedCheckpoint[]>;
  start(intervalMs: number): void;
  /** Stops the timer and seals once more (shutdown). */
  stop(): Promise<void>;
}

export interface SealerOptions {
  db: Db;
  signer: AuditSigner;
  witnesses: Witness[];
  log?: Logger;
  /** Runs after each timer tick's seal (the alert engine reads what was just sealed). */
  afterRun?: () => Promise<unknown>;
  /** Called with each checkpoint and its events once committed (log shipping). */
  onSealed?: (checkpoint: SignedCheckpoint, events: CanonicalRow[]) => void;
  /** How often, and how long apart, a run checks that the transactions it saw have ended. */
  settleTries?: number;
  settleWaitMs?: number;
  /** Most events in one checkpoint. */
  batchSize?: number;
  now?: () => Date;
}

/**
 * The sealing job. It never touches the write path: writers insert events as they always did and
 * never wait for it. Each run seals, in sequence order, the events that are final — no transaction
 * that could still commit a lower sequence number is running — into Merkle checkpoints, signs them,
 * stores them in the database, then appends them to every witness outside it.
 */
export function createSealer(opts: SealerOptions): Sealer {
  const { db, signer, witnesses } = opts;
  const batchSize = opts.batchSize ?? 10_000;
  const now = opts.now ?? (() => new Date());
  let pending: { maxSeq: string; snapshot: string } | undefined;
  const settleTries = opts.settleTries ?? 10;
  const settleWaitMs = opts.settleWaitMs ?? 20;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SignedCheckpoint[]> | undefined;
  const witnessedUpTo = new Map<Witness, string>();

  async function finalUpTo(): Promise<string | null> {
    const seen = await sealHorizon(db);
    // Transactions are short: give the ones running at that moment a little time to end.
    for (let i = 0; i < settleTries; i++) {
      if (await horizonSettled(db, seen.snapshot)) {
        pending = undefined;
        return seen.maxSeq;
      }
      await new Promise((resolve) => setTimeout(resolve, settleWaitMs));
    }
    // A long one is still running: this tick seals what the previous tick saw, if that settled.
    const previous = pending;
    pending = seen;
    if (previous && (await horizonSettled(db, previous.snapshot))) return previous.maxSeq;
    return null;
  }

  async function sealBatches(upTo: string): Promise<SignedCheckpoint[]> {
    const written: SignedCheckpoint[] = [];
    for (;;) {
      const sealed = await db.transaction(async (tx) => {
        if (!(await trySealLock(tx))) return null;
        const last = await lastCheckpoint(tx);
        const first = last ? (BigInt(last.last_seq) + 1n).toString() : '1';
        if (BigInt(first) > BigInt(upTo)) return null;
        const events = await canonicalEvents(tx, first, upTo, batchSize);
        if (events.length === 0) return null;
        // A full batch ends at its last event; otherwise the range runs to the horizon, so gaps
        // left by rolled-back transactions belong to a range and the ranges stay contiguous.
        const lastSeq = events.length === batchSize ? events.at(-1)!.seq : upTo;
        const leaves = events.map(eventLeaf);
        const signed = signCheckpoint(
          {
            v: 1,
            no: last ? (BigInt(last.no) + 1n).toString() : '1',
            firstSeq: first,
            lastSeq,
            count: leaves.length,
            root: merkleRoot(leaves).toString('hex'),
            prev: last ? last.hash : genesisHash,
            sealedAt: now().toISOString(),
            keyId: signer.keyId,
          },
          signer,
        );
        await insertCheckpoint(tx, toRow(signed, leaves));
        return { signed, events };
      });
      if (!sealed) break;
      const checkpoint = sealed.signed;
      opts.onSealed?.(checkpoint, sealed.events);
      written.push(checkpoint);
      // Witnessed before the next batch, so a witness lags the database by one checkpoint at most.
      await witness();
      if (checkpoint.lastSeq === upTo) break;
    }
    return written;
  }

  /**
   * Appends to the witnesses every checkpoint they have not had yet. After a crash a witness may
   * lack the newest checkpoint (sealed, not yet witnessed), and gets it. A witness that lacks more
   * (deleted, or cut back) is never refilled from the database: that would let whoever rewrote
   * the database and removed the witness have the witness agree again. It is left as it is, for
   * `audit verify` to fail on, and reported on every run until it is put back.
   */
  async function witness(): Promise<void> {
    for (const w of witnesses) {
      let upTo = witnessedUpTo.get(w);
      let rows;
      if (upTo === undefined) {
        const held = await w.read();
        upTo = (Array.isArray(held) ? held.at(-1)?.no : undefined) ?? '0';
        rows = await checkpointsAfter(db, upTo);
        if (held !== null && rows.length > 1) {
          opts.log?.error(
            { witness: w.name, behind: rows.length, from: rows[0]!.no },
            'audit witness is missing checkpoints the database has; it is not rebuilt from the database (see docs/security/audit.md)',
          );
          continue;
        }
      }
      for (const row of rows ?? (await checkpointsAfter(db, upTo))) {
        await w.append(fromRow(row));
        upTo = row.no;
      }
      witnessedUpTo.set(w, upTo);
    }
  }

  async function run(): Promise<SignedCheckpoint[]> {
    const upTo = await finalUpTo();
    const written = upTo === null ? [] : await sealBatches(upTo);
    await witness();
    return written;
  }

  const sealer: Sealer = {
    sealOnce() {
      // One run at a time in this process; a timer tick during a run waits for it.
      const next = (running ?? Promise.resolve([])).then(run, run);
      running = next.catch(() => []);
      return next;
    },
    start(intervalMs) {
      timer = setInterval(() => {
        sealer
          .sealOnce()
          .then(() => opts.afterRun?.())
          .catch((err: unknown) => opts.log?.error({ err }, 'audit sealing or alerting failed'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sealer.sealOnce();
    },
  };
  return sealer;
}
