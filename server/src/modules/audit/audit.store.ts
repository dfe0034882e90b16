import type { Queryable } from '../../platform/db/db.ts';
import { Params } from '../../platform/db/params.ts';

// The only SQL of audit_events (checkpoints and purge records: audit.checkpoints.store.ts).

export interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  organization_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  resource_ids: string[] | null;
  patient_id: string | null;
  outcome: string;
  request_id: string | null;
  source_ip: string | null;
  user_agent_digest: string | null;
  source_country: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'seq' | 'id' | 'occurred_at'>;

// Append-only: this store inserts and reads. There is deliberately no update or delete.

const eventColumns = [
  'organization_id',
  'actor_type',
  'actor_id',
  'actor_role',
  'action',
  'resource_type',
  'resource_id',
  'patient_id',
  'outcome',
  'request_id',
  'source_ip',
  'resource_ids',
  'user_agent_digest',
  'source_country',
] as const satisfies readonly (keyof NewAuditRow)[];

/**
 * One event's insert, as SQL whose parameters are added to `params`. With `about` (the name of
 * a CTE earlier in the caller's statement that returns `id`), one event per row it returns, that id
 * being the resource id.
 *
 * The insert reads `audit_tx`, which takes the transaction's id before the identity default draws
 * a sequence number, so a sequence number is never held by a transaction without an id. The
 * sealer relies on that to know when every number up to a point is final (audit.sealer.ts).
 */
function eventInsert(row: NewAuditRow, params: Params, about?: string): string {
  const values = eventColumns.map((column) => {
    if (column === 'resource_id' && about) return `${about}.id::text`;
    return params.add(row[column], column === 'resource_ids' ? 'text[]' : undefined);
  });
  return `insert into audit_events (${eventColumns.join(', ')})
     select ${values.join(', ')} from audit_tx${about ? ` cross join ${about}` : ''}`;
}

const auditTx = 'audit_tx as materialized (select pg_current_xact_id() as xid)';

export async function insertAuditEvent(db: Queryable, row: NewAuditRow): Promise<void> {
  const params = new Params();
  const insert = eventInsert(row, params);
  // Written with nearly every request: prepared once per connection, not parsed and planned
  // each time (a plain insert; its plan does not depend on the values).
  await db.query(`with ${auditTx} ${insert}`, params.values, { name: 'audit-event-insert' });
}

/**
 * CTEs another module's write statement includes so that its event is part of that statement:
 * given the statement's parameters, adds the event's and returns `audit_tx as (...),
 * audit_event as (insert ...)`, to follow the CTE it names.
 */
export type EventInStatement = (params: Params) => string;

/**
 * The event as CTEs for a write's own statement (one round trip instead of two). `about` names
 * the write's CTE whose `id` the event is about.
 */
export function eventInStatement(row: NewAuditRow, about: string): EventInStatement {
  return (params) => `${auditTx}, audit_event as (${eventInsert(row, params, about)})`;
}

export async function listAuditEvents(
  db: Queryable,
  filter: { requestId?: string; afterSeq?: string; limit?: number } = {},
): Promise<AuditRow[]> {
  const { rows } = await db.query<AuditRow>(
    `select * from audit_events
      where ($1::text is null or request_id = $1) and seq > coalesce($2::bigint, 0)
      order by seq limit $3`,
    [filter.requestId ?? null, filter.afterSeq ?? null, filter.limit ?? 1000],
  );
  return rows;
}

/** An event with every field as text, exactly as it is hashed (microseconds, UTC). */
export type CanonicalRow = Omit<AuditRow, 'occurred_at'> & { occurred_at: string };

const canonicalColumns = `seq::text as seq, id::text as id,
  to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as occurred_at,
  organization_id::text as organization_id, actor_type, actor_id, actor_role, action,
  resource_type, resource_id, resource_ids, patient_id::text as patient_id, outcome, request_id,
  source_ip, user_agent_digest, source_country`;

/** Events with first <= seq <= last, in sequence order, for hashing. */
export async function canonicalEvents(
  db: Queryable,
  first: string,
  last: string,
  limit = 1_000_000,
): Promise<CanonicalRow[]> {
  const { rows } = await db.query<CanonicalRow>(
    `select ${canonicalColumns} from audit_events
      where seq between $1::bigint and $2::bigint order by audit_events.seq limit $3`,
    [first, last, limit],
  );
  return rows;
}

export async function canonicalEventById(db: Queryable, id: string): Promise<CanonicalRow | null> {
  const { rows } = await db.query<CanonicalRow>(
    `select ${canonicalColumns} from audit_events where id = $1::uuid`,
    [id],
  );
  return rows[0] ?? null;
}

/** The events of one organization with these ids, in sequence order (an alert's events). */
export async function eventsByIds(
  db: Queryable,
  organizationId: string,
  ids: readonly string[],
): Promise<CanonicalRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<CanonicalRow>(
    `select ${canonicalColumns} from audit_events
      where organization_id = $1::uuid and id = any($2::uuid[])
      order by audit_events.seq`,
    [organizationId, ids],
  );
  return rows;
}

/** Events after the last checkpoint: how many, and their range. */
export async function unsealedSummary(
  db: Queryable,
  afterSeq: string,
): Promise<{ count: number; first: string | null; last: string | null }> {
  const { rows } = await db.query<{ count: string; first: string | null; last: string | null }>(
    `select count(*)::text as count, min(seq)::text as first, max(seq)::text as last
       from audit_events where seq > $1::bigint`,
    [afterSeq],
  );
  const r = rows[0]!;
  return { count: Number(r.count), first: r.first, last: r.last };
}

/**
 * The highest committed sequence number and the snapshot it was read in, from one statement. Every
 * transaction that could still commit a lower number was running when this was read, so it is in
 * the snapshot's list of running transactions (see insertAuditEvent); once all of those have
 * ended (horizonSettled), every number up to maxSeq is final.
 */
export async function sealHorizon(db: Queryable): Promise<{ maxSeq: string; snapshot: string }> {
  const { rows } = await db.query<{ max_seq: string; snapshot: string }>(
    `select coalesce(max(seq), 0)::text as max_seq, pg_current_snapshot()::text as snapshot
       from audit_events`,
  );
  return { maxSeq: rows[0]!.max_seq, snapshot: rows[0]!.snapshot };
}

export async function horizonSettled(db: Queryable, snapshot: string): Promise<boolean> {
  const { rows } = await db.query<{ settled: boolean }>(
    `select coalesce(bool_and(pg_xact_status(x) is distinct from 'in progress'), true) as settled
       from pg_snapshot_xip($1::pg_snapshot) as x`,
    [snapshot],
  );
  return rows[0]!.settled;
}

/** Only one sealer at a time across every process on this database (held to the end of tx). */
export async function trySealLock(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>(
    `select pg_try_advisory_xact_lock(hashtext('hourglass.audit.seal')) as locked`,
  );
  return rows[0]!.locked;
}

/** Compliance search within one organization; newest first, paged by sequence number. */
export async function searchAuditEvents(
  db: Queryable,
  organizationId: string,
  f: {
    patientId?: string | undefined;
    actorId?: string | undefined;
    action?: string | undefined;
    resourceType?: string | undefined;
    resourceId?: string | undefined;
    outcome?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    before?: string | undefined;
    after?: string | undefined;
    limit: number;
    oldestFirst?: boolean;
  },
): Promise<CanonicalRow[]> {
  const { rows } = await db.query<CanonicalRow>(
    `select ${canonicalColumns} from audit_events
      where organization_id = $1::uuid
        and ($2::uuid is null or patient_id = $2::uuid)
        and ($3::text is null or actor_id = $3)
        and ($4::text is null or action = $4)
        and ($5::text is null or resource_type = $5)
        and ($6::text is null or resource_id = $6 or $6 = any(resource_ids))
        and ($7::text is null or outcome = $7)
        and ($8::timestamptz is null or occurred_at >= $8::timestamptz)
        and ($9::timestamptz is null or occurred_at < $9::timestamptz)
        and ($10::bigint is null or seq < $10::bigint)
        and ($11::bigint is null or seq > $11::bigint)
      order by audit_events.seq ${f.oldestFirst ? 'asc' : 'desc'}
      limit $12`,
    [
      organizationId,
      f.patientId ?? null,
      f.actorId ?? null,
      f.action ?? null,
      f.resourceType ?? null,
      f.resourceId ?? null,
      f.outcome ?? null,
      f.from ?? null,
      f.to ?? null,
      f.before ?? null,
      f.after ?? null,
      f.limit,
    ],
  );
  return rows;
}

/**
 * The retention purge's delete: only inside the caller's transaction, only through a sealed
 * sequence number, with the transaction-local flag the append-only trigger lets through.
 */
export async function deleteSealedThrough(tx: Queryable, throughSeq: string): Promise<number> {
  await tx.query(`select set_config('hourglass.audit_purge', 'allowed', true)`);
  const r = await tx.query(`delete from audit_events where seq <= $1::bigint`, [throughSeq]);
  await tx.query(`select set_config('hourglass.audit_purge', '', true)`);
  return r.rowCount;
}

/** The first sequence number at or after a time ('from'), or the last one before it ('to'). */
export async function seqAt(db: Queryable, at: Date, side: 'from' | 'to'): Promise<string> {
  const { rows } = await db.query<{ seq: string }>(
    side === 'from'
      ? `select coalesce(min(seq), (select coalesce(max(seq), 0) + 1 from audit_events))::text as seq
           from audit_events where occurred_at >= $1`
      : `select coalesce(max(seq), 0)::text as seq from audit_events where occurred_at < $1`,
    [at],
  );
  return rows[0]!.seq;
}
