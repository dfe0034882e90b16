import type { Queryable } from '../../platform/db/db.ts';
import type { Finding } from './audit.verify.ts';

/** The SQL of audit_verifications: the server's verification runs and their results. */

export interface VerificationRow {
  id: string;
  trigger: 'request' | 'schedule';
  requested_by: string | null;
  organization_id: string | null;
  status: 'running' | 'finished' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  from_seq: string | null;
  to_seq: string | null;
  ok: boolean | null;
  checkpoints: number | null;
  events_checked: string | null;
  failures: Finding[] | null;
  notes: string[] | null;
  error: string | null;
}

const columns = `id, trigger, requested_by, organization_id, status, started_at, finished_at,
  from_seq::text as from_seq, to_seq::text as to_seq, ok, checkpoints,
  events_checked::text as events_checked, failures, notes, error`;

export async function insertRun(
  db: Queryable,
  r: {
    trigger: VerificationRow['trigger'];
    requestedBy: string | null;
    organizationId: string | null;
    startedAt: Date;
    fromSeq: string | null;
    toSeq: string | null;
  },
): Promise<VerificationRow> {
  const { rows } = await db.query<VerificationRow>(
    `insert into audit_verifications (trigger, requested_by, organization_id, status, started_at,
       from_seq, to_seq)
     values ($1, $2, $3, 'running', $4, $5, $6) returning ${columns}`,
    [r.trigger, r.requestedBy, r.organizationId, r.startedAt, r.fromSeq, r.toSeq],
  );
  return rows[0]!;
}

export async function finishRun(
  db: Queryable,
  id: string,
  r: {
    finishedAt: Date;
    ok: boolean;
    checkpoints: number;
    eventsChecked: number;
    failures: Finding[];
    notes: string[];
  },
): Promise<void> {
  await db.query(
    `update audit_verifications set status = 'finished', finished_at = $2, ok = $3,
       checkpoints = $4, events_checked = $5, failures = $6::jsonb, notes = $7::jsonb
     where id = $1`,
    [
      id,
      r.finishedAt,
      r.ok,
      r.checkpoints,
      r.eventsChecked,
      JSON.stringify(r.failures),
      JSON.stringify(r.notes),
    ],
  );
}

export async function failRun(db: Queryable, id: string, finishedAt: Date, error: string) {
  await db.query(
    `update audit_verifications set status = 'failed', finished_at = $2, error = $3 where id = $1`,
    [id, finishedAt, error],
  );
}

/** The newest run still running that started after `since` (older ones were abandoned). */
export async function runningSince(db: Queryable, since: Date) {
  const { rows } = await db.query<VerificationRow>(
    `select ${columns} from audit_verifications
      where status = 'running' and started_at > $1 order by no desc limit 1`,
    [since],
  );
  return rows[0];
}

/**
 * The newest run that ended (finished or failed); or, of one trigger, the newest that finished
 * having recomputed events (where the next scheduled run carries on from).
 */
export async function lastEnded(db: Queryable, finished?: { trigger: VerificationRow['trigger'] }) {
  const { rows } = await db.query<VerificationRow>(
    `select ${columns} from audit_verifications
      where status <> 'running' and ($1::text is null or (status = 'finished' and trigger = $1 and to_seq is not null))
      order by finished_at desc, no desc limit 1`,
    [finished?.trigger ?? null],
  );
  return rows[0];
}
