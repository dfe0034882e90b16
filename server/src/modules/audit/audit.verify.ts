import type { Queryable } from '../../platform/db/db.ts';
import {
  bodyHash,
  encodeBody,
  encodePurge,
  eventLeaf,
  fromRow,
  genesisHash,
  splitLeaves,
  type SignedCheckpoint,
  type Witness,
} from './audit.checkpoint.ts';
import { merkleRoot } from './audit.merkle.ts';
import type { AuditSigner } from './audit.signing.ts';
import {
  allCheckpoints,
  allPurges,
  canonicalEvents,
  unsealedSummary,
  type CheckpointRow,
} from './audit.store.ts';

/** One thing that does not add up, named down to the event or sequence range. */
export interface Finding {
  /** The sequence range the finding is about (inclusive). */
  firstSeq: string;
  lastSeq: string;
  /** The one event, when it can be named. */
  seq?: string;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  checkpoints: number;
  eventsChecked: number;
  failures: Finding[];
  notes: string[];
}

export interface VerifyOptions {
  signer: AuditSigner;
  witnesses: Witness[];
  /** Recompute events only in this sequence range; the checkpoint chain is always checked whole. */
  fromSeq?: string;
  toSeq?: string;
}

function rangeOf(c: { firstSeq: string; lastSeq: string }): string {
  return `seq ${c.firstSeq}-${c.lastSeq}`;
}

/**
 * Recomputes the audit trail against its signatures and the witnesses outside the database:
 * the checkpoint chain (numbering, previous hashes, contiguous ranges, signatures), each
 * checkpoint's recorded leaves against its signed root, and every event against its leaf.
 */
export async function verifyAudit(db: Queryable, opts: VerifyOptions): Promise<VerifyReport> {
  const failures: Finding[] = [];
  const notes: string[] = [];
  const rows = await allCheckpoints(db);
  const chain = rows.map(fromRow);
  failures.push(...checkChain(chain, opts.signer, 'database'));

  for (const w of opts.witnesses) {
    const held = await w.read();
    if (held === null) {
      notes.push(`witness ${w.name} cannot be read back; skipped`);
      continue;
    }
    failures.push(...checkChain(held, opts.signer, `witness ${w.name}`));
    failures.push(...compareWithWitness(chain, held, w.name, notes));
  }

  // Checkpoints whose events the retention purge removed: their chain is still checked, their
  // events no longer recomputed. Only a purge record signed with the audit key counts.
  let purgedThrough = 0n;
  for (const p of await allPurges(db)) {
    const { signature, ...unsigned } = p;
    if (p.key_id !== opts.signer.keyId || !opts.signer.verify(encodePurge(unsigned), signature)) {
      failures.push({
        firstSeq: '1',
        lastSeq: p.through_seq,
        message: `purge record ${p.no} (seq up to ${p.through_seq}) is not signed by the audit key`,
      });
      continue;
    }
    purgedThrough = BigInt(p.through_checkpoint);
    notes.push(
      `checkpoints up to ${p.through_checkpoint} (seq up to ${p.through_seq}): ${p.event_count} event(s) purged by retention on ${p.purged_at} (sealed before ${p.cutoff}); their checkpoints remain`,
    );
  }

  const from = opts.fromSeq === undefined ? null : BigInt(opts.fromSeq);
  const to = opts.toSeq === undefined ? null : BigInt(opts.toSeq);
  let eventsChecked = 0;
  for (const row of rows) {
    if (BigInt(row.no) <= purgedThrough) continue;
    if (from !== null && BigInt(row.last_seq) < from) continue;
    if (to !== null && BigInt(row.first_seq) > to) continue;
    const result = await checkEvents(db, row);
    eventsChecked += result.count;
    failures.push(...result.failures);
  }

  const lastSealed = rows.at(-1)?.last_seq ?? '0';
  const unsealed = await unsealedSummary(db, lastSealed);
  if (unsealed.count > 0) {
    notes.push(
      `${unsealed.count} event(s) not sealed yet (seq ${unsealed.first}-${unsealed.last}); the sealing job takes them next`,
    );
  }
  return { ok: failures.length === 0, checkpoints: rows.length, eventsChecked, failures, notes };
}

function checkChain(chain: SignedCheckpoint[], signer: AuditSigner, where: string): Finding[] {
  const failures: Finding[] = [];
  let prev: SignedCheckpoint | undefined;
  for (const [i, c] of chain.entries()) {
    const at = `${where}: checkpoint ${c.no} (${rangeOf(c)})`;
    const fail = (message: string) =>
      failures.push({ firstSeq: c.firstSeq, lastSeq: c.lastSeq, message: `${at}: ${message}` });
    if (c.no !== String(i + 1)) fail(`is numbered ${c.no} where ${i + 1} was expected`);
    if (c.prev !== (prev ? prev.hash : genesisHash)) {
      fail(`does not chain to the checkpoint before it`);
    }
    const expectedFirst = prev ? (BigInt(prev.lastSeq) + 1n).toString() : '1';
    if (c.firstSeq !== expectedFirst) {
      fail(`starts at seq ${c.firstSeq} where seq ${expectedFirst} was expected`);
    }
    if (bodyHash(c) !== c.hash) fail('its hash does not match its contents');
    if (c.keyId !== signer.keyId) {
      fail(`is signed by key ${c.keyId}, not the audit key ${signer.keyId}`);
    } else if (!signer.verify(encodeBody(c), c.signature)) {
      fail('its signature does not verify with the audit key');
    }
    prev = c;
  }
  return failures;
}

function compareWithWitness(
  chain: SignedCheckpoint[],
  held: SignedCheckpoint[],
  name: string,
  notes: string[],
): Finding[] {
  const failures: Finding[] = [];
  const byNo = new Map(chain.map((c) => [c.no, c]));
  for (const w of held) {
    const c = byNo.get(w.no);
    if (!c) {
      failures.push({
        firstSeq: w.firstSeq,
        lastSeq: w.lastSeq,
        message: `checkpoint ${w.no} (${rangeOf(w)}) is in witness ${name} but missing from the database`,
      });
    } else if (c.hash !== w.hash || c.signature !== w.signature) {
      failures.push({
        firstSeq: w.firstSeq,
        lastSeq: w.lastSeq,
        message: `checkpoint ${w.no} (${rangeOf(w)}) in the database differs from witness ${name}`,
      });
    }
  }
  const lag = chain.length - held.length;
  if (lag > 0) {
    notes.push(
      `${lag} newest checkpoint(s) not yet in witness ${name} (the sealing job appends them)`,
    );
  }
  return failures;
}

/** Recomputes each event's leaf and names the events that differ from the sealed ones. */
async function checkEvents(
  db: Queryable,
  row: CheckpointRow,
): Promise<{ count: number; failures: Finding[] }> {
  const range = { firstSeq: row.first_seq, lastSeq: row.last_seq };
  const at = `checkpoint ${row.no} (${rangeOf(range)})`;
  const failures: Finding[] = [];
  const sealed = splitLeaves(row.leaf_hashes);
  const events = await canonicalEvents(db, row.first_seq, row.last_seq);
  const leaves = events.map(eventLeaf);
  const recordedLeavesTrusted = merkleRoot(sealed).toString('hex') === row.root;

  if (!recordedLeavesTrusted) {
    const eventsMatch = merkleRoot(leaves).toString('hex') === row.root;
    failures.push({
      ...range,
      message: eventsMatch
        ? `${at}: its recorded leaf hashes were altered (the events still match the signed root)`
        : `${at}: events and recorded leaf hashes both differ from the signed root; every event in ${rangeOf(range)} is suspect`,
    });
    return { count: events.length, failures };
  }

  // The recorded leaves are the signed ones: compare event by event.
  const sealedIndex = new Map(sealed.map((l, i) => [l.toString('hex'), i]));
  const matchedAt = leaves.map((l) => sealedIndex.get(l.toString('hex')));
  const matched = new Set(matchedAt.filter((j) => j !== undefined));
  const unexplained = new Set(sealed.map((_, j) => j).filter((j) => !matched.has(j)));
  let lastMatched = -1;
  for (const [i, j] of matchedAt.entries()) {
    const e = events[i]!;
    if (j === undefined) {
      // An event that matches no sealed leaf takes the place of the first unmatched leaf after
      // the last event that did match: it is that event, altered (or an insertion).
      const replaced = [...unexplained].find((k) => k > lastMatched);
      if (replaced !== undefined) unexplained.delete(replaced);
      failures.push({
        ...range,
        seq: e.seq,
        message: `${at}: event seq ${e.seq} (id ${e.id}) ${replaced === undefined ? 'was added after sealing' : 'was altered after sealing'}`,
      });
      continue;
    }
    if (j < lastMatched) {
      failures.push({
        ...range,
        seq: e.seq,
        message: `${at}: event seq ${e.seq} (id ${e.id}) is out of its sealed order`,
      });
    }
    lastMatched = Math.max(lastMatched, j);
  }
  const missing = [...unexplained].sort((a, b) => a - b);
  if (missing.length > 0) {
    failures.push({
      ...range,
      message: `${at}: ${missing.length} sealed event(s) missing (leaf ${missing.map((j) => j + 1).join(', ')} of ${sealed.length})${missingNear(missing, sealed, leaves, events)}`,
    });
  }
  return { count: events.length, failures };
}

/** Names the surviving events on either side of the first missing leaf. */
function missingNear(
  missing: number[],
  sealed: Buffer[],
  leaves: Buffer[],
  events: { seq: string }[],
): string {
  const present = new Map(leaves.map((l, i) => [l.toString('hex'), events[i]!.seq]));
  const j = missing[0]!;
  let before: string | undefined;
  for (let k = j - 1; k >= 0 && !before; k--) before = present.get(sealed[k]!.toString('hex'));
  let after: string | undefined;
  for (let k = j + 1; k < sealed.length && !after; k++) {
    after = present.get(sealed[k]!.toString('hex'));
  }
  if (before && after) return `, first gap between seq ${before} and seq ${after}`;
  if (before) return `, after seq ${before}`;
  if (after) return `, before seq ${after}`;
  return '';
}
