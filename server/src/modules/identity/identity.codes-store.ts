import type { Queryable } from '../../platform/db/db.ts';

/** The only SQL for one-time codes (migration 0061). Codes are kept as keyed hashes only. */

export type CodePurpose = 'mfa' | 'guest' | 'visit';

export interface CodeRow {
  id: string;
  organization_id: string;
  subject: string;
  session_id: string | null;
  code_hash: Uint8Array;
  /** Sealed (identity.vault.ts, `one_time_codes.payload`): a guest's details. */
  payload: Uint8Array | null;
  failures: number;
}

export async function insertCode(
  db: Queryable,
  c: {
    id: string;
    organizationId: string;
    purpose: CodePurpose;
    subject: string;
    sessionId: string | null;
    codeHash: Uint8Array;
    payload: Uint8Array | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    `insert into one_time_codes (id, organization_id, purpose, subject, session_id, code_hash,
       payload, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      c.id,
      c.organizationId,
      c.purpose,
      c.subject,
      c.sessionId,
      c.codeHash,
      c.payload,
      c.now,
      c.expiresAt,
    ],
  );
}

/** Codes sent for a subject since `since`: how many, and when the oldest of them went. */
export async function countSends(
  db: Queryable,
  organizationId: string,
  purpose: CodePurpose,
  subject: string,
  since: Date,
): Promise<{ count: number; oldest: Date | null }> {
  const { rows } = await db.query<{ count: number; oldest: Date | null }>(
    `select count(*)::int as count, min(created_at) as oldest from one_time_codes
      where organization_id = $1 and purpose = $2 and subject = $3 and created_at > $4`,
    [organizationId, purpose, subject, since],
  );
  return rows[0]!;
}

/** Ends the live codes of a subject (a new one replaces them), and drops their payloads. */
export async function endLiveCodes(
  db: Queryable,
  organizationId: string,
  purpose: CodePurpose,
  subject: string,
  now: Date,
): Promise<void> {
  await db.query(
    `update one_time_codes set expires_at = $4, payload = null
      where organization_id = $1 and purpose = $2 and subject = $3 and used_at is null
        and expires_at > $4`,
    [organizationId, purpose, subject, now],
  );
}

/**
 * The newest live code of one of the subjects (one per index key version for a guest), locked:
 * unused, unexpired, under its failure limit, and — for a sign-in code — of this session.
 */
export async function lockLiveCode(
  db: Queryable,
  organizationId: string,
  purpose: CodePurpose,
  subjects: string[],
  sessionId: string | null,
  now: Date,
  maxFailures: number,
): Promise<CodeRow | undefined> {
  const { rows } = await db.query<CodeRow>(
    `select id::text, organization_id::text, subject, session_id::text, code_hash, payload,
            failures
       from one_time_codes
      where organization_id = $1 and purpose = $2 and subject = any($3::text[])
        and ($4::uuid is null or session_id = $4) and used_at is null and expires_at > $5
        and failures < $6
      order by created_at desc limit 1
      for update`,
    [organizationId, purpose, subjects, sessionId, now, maxFailures],
  );
  return rows[0];
}

export async function markCodeUsed(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('update one_time_codes set used_at = $2, payload = null where id = $1', [id, now]);
}

/** A wrong code counts against it; at the limit it is dead and its payload goes. */
export async function countCodeFailure(
  db: Queryable,
  id: string,
  maxFailures: number,
): Promise<void> {
  await db.query(
    `update one_time_codes set failures = failures + 1,
       payload = case when failures + 1 >= $2 then null else payload end
     where id = $1`,
    [id, maxFailures],
  );
}

/** Forgets an organization's codes older than `before` (sends are counted within a window). */
export async function deleteOldCodes(
  db: Queryable,
  organizationId: string,
  before: Date,
): Promise<void> {
  await db.query('delete from one_time_codes where organization_id = $1 and created_at < $2', [
    organizationId,
    before,
  ]);
}
