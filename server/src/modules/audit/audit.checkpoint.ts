import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { leafHash } from './audit.merkle.ts';
import type { AuditSigner } from './audit.signing.ts';
import type { CanonicalRow } from './audit.store.ts';
import type { CheckpointRow, PurgeRow } from './audit.checkpoints.store.ts';

export const genesisHash = '0'.repeat(64);

/**
 * The canonical encoding of one event: a JSON array of text values in a fixed order, prefixed with
 * its format version. Every column is in it, so any edit changes the leaf hash. Version 2 adds the
 * source country at the end; an event without one keeps the version 1 encoding, so events sealed
 * before the column existed still verify (and clearing a country changes the version, hence the hash).
 */
export function canonicalEvent(e: CanonicalRow): string {
  const v1 = [
    e.seq,
    e.id,
    e.occurred_at,
    e.organization_id,
    e.actor_type,
    e.actor_id,
    e.actor_role,
    e.action,
    e.resource_type,
    e.resource_id,
    e.resource_ids,
    e.patient_id,
    e.outcome,
    e.request_id,
    e.source_ip,
    e.user_agent_digest,
  ];
  return JSON.stringify(
    e.source_country === null
      ? ['hourglass.audit.v1', ...v1]
      : ['hourglass.audit.v2', ...v1, e.source_country],
  );
}

export function eventLeaf(e: CanonicalRow): Buffer {
  return leafHash(canonicalEvent(e));
}

/** What a checkpoint signs; `hash` is SHA-256 over the same text and chains the next checkpoint. */
export interface CheckpointBody {
  v: 1;
  no: string;
  firstSeq: string;
  lastSeq: string;
  count: number;
  root: string;
  prev: string;
  sealedAt: string;
  keyId: string;
}

export interface SignedCheckpoint extends CheckpointBody {
  signature: string;
  hash: string;
}

export function encodeBody(b: CheckpointBody): string {
  // Fixed key order: this text is what is signed and hashed.
  return JSON.stringify({
    v: b.v,
    no: b.no,
    firstSeq: b.firstSeq,
    lastSeq: b.lastSeq,
    count: b.count,
    root: b.root,
    prev: b.prev,
    sealedAt: b.sealedAt,
    keyId: b.keyId,
  });
}

export function signCheckpoint(body: CheckpointBody, signer: AuditSigner): SignedCheckpoint {
  const text = encodeBody(body);
  return {
    ...body,
    signature: signer.sign(text),
    hash: createHash('sha256').update(text).digest('hex'),
  };
}

export function bodyHash(body: CheckpointBody): string {
  return createHash('sha256').update(encodeBody(body)).digest('hex');
}

export function fromRow(r: Omit<CheckpointRow, 'leaf_hashes'>): SignedCheckpoint {
  return {
    v: 1,
    no: r.no,
    firstSeq: r.first_seq,
    lastSeq: r.last_seq,
    count: r.event_count,
    root: r.root,
    prev: r.prev_hash,
    sealedAt: r.sealed_at,
    keyId: r.key_id,
    signature: r.signature,
    hash: r.hash,
  };
}

export function toRow(c: SignedCheckpoint, leaves: readonly Uint8Array[]): CheckpointRow {
  return {
    no: c.no,
    first_seq: c.firstSeq,
    last_seq: c.lastSeq,
    event_count: c.count,
    root: c.root,
    prev_hash: c.prev,
    sealed_at: c.sealedAt,
    key_id: c.keyId,
    signature: c.signature,
    hash: c.hash,
    leaf_hashes: Buffer.concat(leaves.map((l) => Buffer.from(l))),
  };
}

export function splitLeaves(bytes: Uint8Array): Buffer[] {
  const all = Buffer.from(bytes);
  const leaves: Buffer[] = [];
  for (let i = 0; i + 32 <= all.length; i += 32) leaves.push(all.subarray(i, i + 32));
  return leaves;
}

/**
 * Checkpoints kept outside the database, so that a chain rewritten whole inside it still disagrees
 * with something the attacker could not reach. The default is an append-only JSON-lines file.
 */
export interface Witness {
  readonly name: string;
  append(c: SignedCheckpoint): Promise<void>;
  /**
   * Every checkpoint this witness holds, in order; `'missing'` when it holds nothing at all (its
   * file does not exist: never written, or deleted); null when it cannot be read back.
   */
  read(): Promise<SignedCheckpoint[] | 'missing' | null>;
}

export function fileWitness(dir: string): Witness {
  const file = path.join(dir, 'checkpoints.jsonl');
  return {
    name: file,
    async append(c) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // 'a' opens with O_APPEND: each line lands at the end, never over an earlier one.
      await appendFile(file, JSON.stringify(c) + '\n', { flag: 'a', mode: 0o600 });
    },
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        // Missing, not empty: verification must tell a deleted witness from a new install.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        throw err;
      }
      return text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as SignedCheckpoint);
    },
  };
}

/** What a purge record signs: which sealed checkpoints' events were removed, and when. */
export function encodePurge(p: Omit<PurgeRow, 'signature'>): string {
  return JSON.stringify({
    v: 1,
    type: 'audit-purge',
    no: p.no,
    throughCheckpoint: p.through_checkpoint,
    throughSeq: p.through_seq,
    count: p.event_count,
    cutoff: p.cutoff,
    purgedAt: p.purged_at,
    keyId: p.key_id,
  });
}
