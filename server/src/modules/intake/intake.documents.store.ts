import type { Queryable } from '../../platform/db/db.ts';

export interface DocumentRow {
  id: string;
  organization_id: string;
  patient_id: string;
  kind: 'referral_letter' | 'insurance_card';
  content_type: string;
  size_bytes: number;
  key_version: number;
  uploaded_at: Date;
  uploaded_by: string;
}

const meta =
  'id, organization_id, patient_id, kind, content_type, size_bytes, key_version, uploaded_at, uploaded_by';

export async function insertDocument(
  tx: Queryable,
  row: Omit<DocumentRow, 'uploaded_at'> & { content: Uint8Array },
) {
  await tx.query(
    `insert into intake_documents (id, organization_id, patient_id, kind, content_type, size_bytes,
       key_version, content, uploaded_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      row.id,
      row.organization_id,
      row.patient_id,
      row.kind,
      row.content_type,
      row.size_bytes,
      row.key_version,
      row.content,
      row.uploaded_by,
    ],
  );
}

export async function listDocuments(db: Queryable, org: string, patientId: string) {
  const { rows } = await db.query<DocumentRow>(
    `select ${meta} from intake_documents where organization_id = $1 and patient_id = $2
      order by uploaded_at, id`,
    [org, patientId],
  );
  return rows;
}

export async function findDocument(db: Queryable, org: string, patientId: string, id: string) {
  const { rows } = await db.query<DocumentRow & { content: Uint8Array }>(
    `select ${meta}, content from intake_documents
      where organization_id = $1 and patient_id = $2 and id = $3`,
    [org, patientId, id],
  );
  return rows[0];
}

export async function countDocumentsByVersion(db: Queryable) {
  const { rows } = await db.query<{ organization_id: string; key_version: number; rows: string }>(
    `select organization_id, key_version, count(*) as rows from intake_documents
      group by organization_id, key_version`,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    version: r.key_version,
    rows: Number(r.rows),
  }));
}

export async function lockStaleDocuments(
  tx: Queryable,
  org: string,
  current: number,
  limit: number,
) {
  const { rows } = await tx.query<{ id: string; content: Uint8Array }>(
    `select id, content from intake_documents where organization_id = $1 and key_version < $2
      order by id limit $3 for update skip locked`,
    [org, current, limit],
  );
  return rows;
}

export async function rewriteDocument(
  tx: Queryable,
  org: string,
  id: string,
  keyVersion: number,
  content: Uint8Array,
) {
  await tx.query(
    'update intake_documents set key_version = $3, content = $4 where organization_id = $1 and id = $2',
    [org, id, keyVersion, content],
  );
}
