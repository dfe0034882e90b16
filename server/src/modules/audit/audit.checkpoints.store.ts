import type { Queryable } from '../../platform/db/db.ts';

// The only SQL of audit_checkpoints and audit_purges: the signed checkpoints that seal batches of
// audit_events, and the signed records of retention purges. Insert and select only.

export interface CheckpointRow {
  no: string;
  first_seq: string;
  last_seq: string;
  event_count: number;
  root: string;
  prev_hash: string;
  sealed_at: string;
  key_id: string;
  signature: string;
  hash: string;
  leaf_hashes: Uint8Array;
}

export async function insertCheckpoint(tx: Queryable, c: CheckpointRow): Promise<void> {
  await tx.query(
    `insert into audit_checkpoints (no, first_seq, last_seq, event_count, root, prev_hash,
       sealed_at, key_id, signature, hash, leaf_hashes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      c.no,
      c.first_seq,
      c.last_seq,
      c.event_count,
      c.root,
      c.prev_hash,
      c.sealed_at,
      c.key_id,
      c.signature,
      c.hash,
      Buffer.from(c.leaf_hashes),
    ],
  );
}

const checkpointColumns = `no::text as no, first_seq::text as first_seq, last_seq::text as last_seq,
  event_count, root, prev_hash, sealed_at, key_id, signature, hash, leaf_hashes`;

export async function lastCheckpoint(db: Queryable): Promise<CheckpointRow | null> {
  const { rows } = await db.query<CheckpointRow>(
    `select ${checkpointColumns} from audit_checkpoints order by audit_checkpoints.no desc limit 1`,
  );
  return rows[0] ?? null;
}

/** The highest sequence number sealed into a checkpoint ('0' before the first seal). */
export async function lastSealedSeq(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ last: string }>(
    'select coalesce(max(last_seq), 0)::text as last from audit_checkpoints',
  );
  return rows[0]!.last;
}

/** Every checkpoint with its leaves (tests and tools; verification pages through them instead). */
export async function allCheckpoints(db: Queryable): Promise<CheckpointRow[]> {
  const { rows } = await db.query<CheckpointRow>(
    `select ${checkpointColumns} from audit_checkpoints order by audit_checkpoints.no`,
  );
  return rows;
}

export type CheckpointHeader = Omit<CheckpointRow, 'leaf_hashes'>;

/** A page of checkpoints after `afterNo`, in order, without their leaf hashes. */
export async function checkpointHeaders(
  db: Queryable,
  afterNo: string,
  limit: number,
): Promise<CheckpointHeader[]> {
  const { rows } = await db.query<CheckpointHeader>(
    `select no::text as no, first_seq::text as first_seq, last_seq::text as last_seq,
            event_count, root, prev_hash, sealed_at, key_id, signature, hash
       from audit_checkpoints where no > $1::bigint order by audit_checkpoints.no limit $2`,
    [afterNo, limit],
  );
  return rows;
}

/** The leaf hashes one checkpoint recorded. */
export async function checkpointLeaves(db: Queryable, no: string): Promise<Uint8Array> {
  const { rows } = await db.query<{ leaf_hashes: Uint8Array }>(
    `select leaf_hashes from audit_checkpoints where no = $1::bigint`,
    [no],
  );
  return rows[0]!.leaf_hashes;
}

export async function checkpointsAfter(db: Queryable, no: string): Promise<CheckpointRow[]> {
  const { rows } = await db.query<CheckpointRow>(
    `select ${checkpointColumns} from audit_checkpoints where no > $1::bigint order by audit_checkpoints.no`,
    [no],
  );
  return rows;
}

export async function checkpointCovering(
  db: Queryable,
  seq: string,
): Promise<CheckpointRow | null> {
  const { rows } = await db.query<CheckpointRow>(
    `select ${checkpointColumns} from audit_checkpoints
      where first_seq <= $1::bigint and last_seq >= $1::bigint order by audit_checkpoints.no limit 1`,
    [seq],
  );
  return rows[0] ?? null;
}

export interface PurgeRow {
  no: string;
  through_checkpoint: string;
  through_seq: string;
  event_count: string;
  cutoff: string;
  purged_at: string;
  key_id: string;
  signature: string;
}

export async function allPurges(db: Queryable): Promise<PurgeRow[]> {
  const { rows } = await db.query<PurgeRow>(
    `select no::text as no, through_checkpoint::text as through_checkpoint,
            through_seq::text as through_seq, event_count::text as event_count, cutoff,
            purged_at, key_id, signature
       from audit_purges order by audit_purges.no`,
  );
  return rows;
}

/** The newest checkpoint sealed before the cutoff (ISO text compares in time order). */
export async function lastCheckpointSealedBefore(
  db: Queryable,
  cutoffIso: string,
): Promise<CheckpointRow | null> {
  const { rows } = await db.query<CheckpointRow>(
    `select ${checkpointColumns} from audit_checkpoints
      where sealed_at < $1 order by audit_checkpoints.no desc limit 1`,
    [cutoffIso],
  );
  return rows[0] ?? null;
}

export async function insertPurge(tx: Queryable, p: PurgeRow): Promise<void> {
  await tx.query(
    `insert into audit_purges (no, through_checkpoint, through_seq, event_count, cutoff,
       purged_at, key_id, signature)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      p.no,
      p.through_checkpoint,
      p.through_seq,
      p.event_count,
      p.cutoff,
      p.purged_at,
      p.key_id,
      p.signature,
    ],
  );
}
