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
import { canonicalEvents, unsealedSummary } from './audit.store.ts';
import {
  allPurges,
  checkpointHeaders,
  checkpointLeaves,
  type CheckpointHeader,
} from './audit.checkpoints.store.ts';

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
  /** Checkpoint headers read per query (tests make it small). */
  pageSize?: number;
}

function rangeOf(c: { firstSeq: string; lastSeq: string }): string {
  return `seq ${c.firstSeq}-${c.lastSeq}`;
}

/** Checkpoints read per query while verifying (headers only; leaves are read one at a time). */
const defaultPageSize = 500;

/**
 * Recomputes the audit trail against its signatures and the witnesses outside the database:
 * the checkpoint chain (numbering, previous hashes, contiguous ranges, signatures), each
 * checkpoint's recorded leaves against its signed root, and every event against its leaf.
 *
 * It streams: checkpoints are read in pages and each one's leaves and events are recomputed
 * before the next is read, so memory holds one checkpoint's events (the sealing batch, at most
 * 10,000) plus the witness file's checkpoint headers, however long the trail.
 */
export async function verifyAudit(db: Queryable, opts: VerifyOptions): Promise<VerifyReport> {
  const chainFailures: Finding[] = [];
  const witnessNotes: string[][] = [];
  const witnesses: WitnessState[] = [];
  for (const w of opts.witnesses) {
    const held = await w.read();
    if (held === null) {
      witnessNotes.push([`witness ${w.name} cannot be read back; skipped`]);
      continue;
    }
    const checker = chainChecker(opts.signer, `witness ${w.name}`);
    const copies = held === 'missing' ? [] : held;
    witnesses.push({
      name: w.name,
      missing: held === 'missing',
      byNo: new Map(copies.map((c) => [c.no, c])),
      inDatabase: new Set(),
      absent: [],
      failures: copies.flatMap((c) => checker(c)),
    });
    witnessNotes.push([]);
  }

  // Checkpoints whose events the retention purge removed: their chain is still checked, their
  // events no longer recomputed. Only a purge record signed with the audit key counts.
  const purgeFailures: Finding[] = [];
  const purgeNotes: string[] = [];
  let purgedThrough = 0n;
  for (const p of await allPurges(db)) {
    const { signature, ...unsigned } = p;
    if (p.key_id !== opts.signer.keyId || !opts.signer.verify(encodePurge(unsigned), signature)) {
      purgeFailures.push({
        firstSeq: '1',
        lastSeq: p.through_seq,
        message: `purge record ${p.no} (seq up to ${p.through_seq}) is not signed by the audit key`,
      });
      continue;
    }
    purgedThrough = BigInt(p.through_checkpoint);
    purgeNotes.push(
      `checkpoints up to ${p.through_checkpoint} (seq up to ${p.through_seq}): ${p.event_count} event(s) purged by retention on ${p.purged_at} (sealed before ${p.cutoff}); their checkpoints remain`,
    );
  }

  const from = opts.fromSeq === undefined ? null : BigInt(opts.fromSeq);
  const to = opts.toSeq === undefined ? null : BigInt(opts.toSeq);
  const checkDb = chainChecker(opts.signer, 'database');
  const eventFailures: Finding[] = [];
  let eventsChecked = 0;
  let checkpoints = 0;
  let lastSealed = '0';
  let lastNo = '0';
  for (;;) {
    const page = await checkpointHeaders(db, lastNo, opts.pageSize ?? defaultPageSize);
    if (page.length === 0) break;
    for (const row of page) {
      const c = fromRow(row);
      chainFailures.push(...checkDb(c));
      for (const w of witnesses) w.failures.push(...compareWithWitness(c, w));
      checkpoints++;
      lastNo = row.no;
      lastSealed = row.last_seq;
      if (BigInt(row.no) <= purgedThrough) continue;
      if (from !== null && BigInt(row.last_seq) < from) continue;
      if (to !== null && BigInt(row.first_seq) > to) continue;
      const result = await checkEvents(db, row);
      eventsChecked += result.count;
      eventFailures.push(...result.failures);
    }
  }
  for (const [i, w] of witnesses.entries()) {
    w.failures.push(...onlyInWitness(w), ...witnessBehind(w, checkpoints, lastNo));
    if (!w.missing && w.absent.length === 1 && w.absent[0]!.fromNo === lastNo) {
      witnessNotes[i]!.push(
        `the newest checkpoint (${lastNo}) is not yet in witness ${w.name} (the sealing job appends it)`,
      );
    }
  }

  const notes = [...witnessNotes.flat(), ...purgeNotes];
  const unsealed = await unsealedSummary(db, lastSealed);
  if (unsealed.count > 0) {
    notes.push(
      `${unsealed.count} event(s) not sealed yet (seq ${unsealed.first}-${unsealed.last}); the sealing job takes them next`,
    );
  }
  const failures = [
    ...chainFailures,
    ...witnesses.flatMap((w) => w.failures),
    ...purgeFailures,
    ...eventFailures,
  ];
  return { ok: failures.length === 0, checkpoints, eventsChecked, failures, notes };
}

/** Checks checkpoints one at a time, in order, against the one before. */
function chainChecker(signer: AuditSigner, where: string) {
  let prev: SignedCheckpoint | undefined;
  let i = 0;
  return (c: SignedCheckpoint): Finding[] => {
    const failures: Finding[] = [];
    i++;
    const at = `${where}: checkpoint ${c.no} (${rangeOf(c)})`;
    const fail = (message: string) =>
      failures.push({ firstSeq: c.firstSeq, lastSeq: c.lastSeq, message: `${at}: ${message}` });
    if (c.no !== String(i)) fail(`is numbered ${c.no} where ${i} was expected`);
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
    return failures;
  };
}

interface WitnessState {
  name: string;
  /** It holds nothing at all: its file is gone (or was never written). */
  missing: boolean;
  byNo: Map<string, SignedCheckpoint>;
  /** The numbers of its checkpoints the database also has. */
  inDatabase: Set<string>;
  /** Runs of database checkpoints it has no copy of. */
  absent: AbsentRun[];
  failures: Finding[];
}

interface AbsentRun {
  fromNo: string;
  toNo: string;
  firstSeq: string;
  lastSeq: string;
}

/** One database checkpoint against the witness's copy of it (a lagging witness has none yet). */
function compareWithWitness(c: SignedCheckpoint, w: WitnessState): Finding[] {
  const held = w.byNo.get(c.no);
  if (!held) {
    const run = w.absent.at(-1);
    if (run && BigInt(run.toNo) + 1n === BigInt(c.no))
      Object.assign(run, { toNo: c.no, lastSeq: c.lastSeq });
    else w.absent.push({ fromNo: c.no, toNo: c.no, firstSeq: c.firstSeq, lastSeq: c.lastSeq });
    return [];
  }
  w.inDatabase.add(c.no);
  if (c.hash === held.hash && c.signature === held.signature) return [];
  return [
    {
      firstSeq: held.firstSeq,
      lastSeq: held.lastSeq,
      message: `checkpoint ${held.no} (${rangeOf(held)}) in the database differs from witness ${w.name}`,
    },
  ];
}

/**
 * Database checkpoints the witness has no copy of. Only the newest may be missing there (sealed,
 * not appended yet); anything more means the witness was deleted, trimmed or stopped being written,
 * and the database's newest checkpoints could then be rewritten unseen.
 */
function witnessBehind(w: WitnessState, checkpoints: number, newest: string): Finding[] {
  if (w.missing && checkpoints > 0) {
    return [
      {
        firstSeq: w.absent[0]!.firstSeq,
        lastSeq: w.absent.at(-1)!.lastSeq,
        message: `witness ${w.name} is missing while the database holds ${checkpoints} checkpoint(s); restore it from a backup`,
      },
    ];
  }
  return w.absent
    .filter((run) => run.fromNo !== newest)
    .map((run) => ({
      firstSeq: run.firstSeq,
      lastSeq: run.lastSeq,
      message: `checkpoint(s) ${run.fromNo}-${run.toNo} (${rangeOf(run)}) are in the database but not in witness ${w.name}: a witness may lag by the newest checkpoint only`,
    }));
}

/** Checkpoints the witness holds and the database does not. */
function onlyInWitness(w: WitnessState): Finding[] {
  return [...w.byNo.values()]
    .filter((held) => !w.inDatabase.has(held.no))
    .map((held) => ({
      firstSeq: held.firstSeq,
      lastSeq: held.lastSeq,
      message: `checkpoint ${held.no} (${rangeOf(held)}) is in witness ${w.name} but missing from the database`,
    }));
}

/** Recomputes each event's leaf and names the events that differ from the sealed ones. */
async function checkEvents(
  db: Queryable,
  row: CheckpointHeader,
): Promise<{ count: number; failures: Finding[] }> {
  const range = { firstSeq: row.first_seq, lastSeq: row.last_seq };
  const at = `checkpoint ${row.no} (${rangeOf(range)})`;
  const failures: Finding[] = [];
  const sealed = splitLeaves(await checkpointLeaves(db, row.no));
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
