import type { Queryable } from '../../platform/db/db.ts';

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
  patient_id: string | null;
  outcome: string;
  request_id: string | null;
  source_ip: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'seq' | 'id' | 'occurred_at'>;

// Append-only: this store inserts and reads. There is deliberately no update or delete.
export async function insertAuditEvent(db: Queryable, row: NewAuditRow): Promise<void> {
  await db.query(
    `insert into audit_events (organization_id, actor_type, actor_id, actor_role, action,
       resource_type, resource_id, patient_id, outcome, request_id, source_ip)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      row.organization_id,
      row.actor_type,
      row.actor_id,
      row.actor_role,
      row.action,
      row.resource_type,
      row.resource_id,
      row.patient_id,
      row.outcome,
      row.request_id,
      row.source_ip,
    ],
  );
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
