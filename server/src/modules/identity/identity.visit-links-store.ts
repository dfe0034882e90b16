import type { Queryable } from '../../platform/db/db.ts';

/** The only SQL for visit links (migration 0062). Tokens are kept as SHA-256 only. */

export interface VisitLinkRow {
  id: string;
  organization_id: string;
  appointment_id: string;
  appointment_type_id: string;
  patient_id: string;
  expires_at: Date;
}

export async function insertVisitLink(
  db: Queryable,
  l: {
    organizationId: string;
    appointmentId: string;
    appointmentTypeId: string;
    patientId: string;
    tokenHash: Buffer;
    now: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into visit_links (organization_id, appointment_id, appointment_type_id, patient_id,
       token_hash, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
    [
      l.organizationId,
      l.appointmentId,
      l.appointmentTypeId,
      l.patientId,
      l.tokenHash,
      l.now,
      l.expiresAt,
    ],
  );
  return rows[0]!.id;
}

/** The link a token opens, while it is valid. */
export async function findLiveVisitLink(
  db: Queryable,
  tokenHash: Buffer,
  now: Date,
): Promise<VisitLinkRow | undefined> {
  const { rows } = await db.query<VisitLinkRow>(
    `select id::text, organization_id::text, appointment_id::text, appointment_type_id::text,
            patient_id::text, expires_at
       from visit_links where token_hash = $1 and expires_at > $2`,
    [tokenHash, now],
  );
  return rows[0];
}
