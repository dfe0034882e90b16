import type { Queryable } from '../../platform/db/db.ts';
import type { FormDefinition } from './intake.schema.ts';

export interface FormRow {
  id: string;
  organization_id: string;
  appointment_type: string;
  version: number;
  definition: FormDefinition;
}

export async function insertForm(
  tx: Queryable,
  org: string,
  appointmentType: string,
  definition: FormDefinition,
): Promise<FormRow> {
  const { rows } = await tx.query<FormRow>(
    `insert into intake_forms (organization_id, appointment_type, version, definition)
     values ($1, $2, coalesce((select max(version) from intake_forms
                                where organization_id = $1 and appointment_type = $2), 0) + 1, $3)
     returning id, organization_id, appointment_type, version, definition`,
    [org, appointmentType, JSON.stringify(definition)],
  );
  return rows[0]!;
}

export async function findLatestForm(db: Queryable, org: string, appointmentType: string) {
  const { rows } = await db.query<FormRow>(
    `select id, organization_id, appointment_type, version, definition from intake_forms
      where organization_id = $1 and appointment_type = $2 order by version desc limit 1`,
    [org, appointmentType],
  );
  return rows[0];
}

export async function findForm(db: Queryable, org: string, id: string) {
  const { rows } = await db.query<FormRow>(
    `select id, organization_id, appointment_type, version, definition from intake_forms
      where organization_id = $1 and id = $2`,
    [org, id],
  );
  return rows[0];
}

export interface DraftRow {
  id: string;
  organization_id: string;
  patient_id: string;
  form_id: string;
  key_version: number;
  answers: Uint8Array;
  updated_at: Date;
  expires_at: Date;
}

export async function findDraft(db: Queryable, org: string, patientId: string, formId: string) {
  const { rows } = await db.query<DraftRow>(
    `select id, organization_id, patient_id, form_id, key_version, answers, updated_at, expires_at
       from intake_drafts where organization_id = $1 and patient_id = $2 and form_id = $3`,
    [org, patientId, formId],
  );
  return rows[0];
}

/** A draft's row id, created on first save so its ciphertext can be bound to it. */
export async function ensureDraftRow(
  tx: Queryable,
  org: string,
  patientId: string,
  formId: string,
): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into intake_drafts (organization_id, patient_id, form_id, key_version, answers, expires_at)
     values ($1, $2, $3, 0, '\\x'::bytea, now())
     on conflict (organization_id, patient_id, form_id) do update set updated_at = intake_drafts.updated_at
     returning id`,
    [org, patientId, formId],
  );
  return rows[0]!.id;
}

export async function writeDraft(
  tx: Queryable,
  org: string,
  id: string,
  keyVersion: number,
  answers: Uint8Array,
  expiresAt: Date,
) {
  await tx.query(
    `update intake_drafts set key_version = $3, answers = $4, updated_at = now(), expires_at = $5
      where organization_id = $1 and id = $2`,
    [org, id, keyVersion, answers, expiresAt],
  );
}

export async function deleteDraft(tx: Queryable, org: string, patientId: string, formId: string) {
  await tx.query(
    'delete from intake_drafts where organization_id = $1 and patient_id = $2 and form_id = $3',
    [org, patientId, formId],
  );
}

/** Deletes up to `limit` expired drafts; returns whose they were, for the audit trail. */
export async function deleteExpiredDrafts(tx: Queryable, now: Date, limit: number) {
  const { rows } = await tx.query<{ id: string; organization_id: string; patient_id: string }>(
    `delete from intake_drafts
      where id in (select id from intake_drafts where expires_at <= $1 limit $2 for update skip locked)
      returning id, organization_id, patient_id`,
    [now, limit],
  );
  return rows;
}

export interface SubmissionRow {
  id: string;
  organization_id: string;
  patient_id: string;
  form_id: string;
  version: number;
  key_version: number;
  answers: Uint8Array;
  submitted_at: Date;
  submitted_by: string;
}

const submissionColumns =
  'id, organization_id, patient_id, form_id, version, key_version, answers, submitted_at, submitted_by';

export async function nextSubmissionVersion(
  tx: Queryable,
  org: string,
  patientId: string,
  formId: string,
): Promise<number> {
  const { rows } = await tx.query<{ v: number }>(
    `select coalesce(max(version), 0) + 1 as v from intake_submissions
      where organization_id = $1 and patient_id = $2 and form_id = $3`,
    [org, patientId, formId],
  );
  return Number(rows[0]!.v);
}

export async function insertSubmission(tx: Queryable, row: Omit<SubmissionRow, 'submitted_at'>) {
  await tx.query(
    `insert into intake_submissions (id, organization_id, patient_id, form_id, version, key_version,
       answers, submitted_by) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      row.id,
      row.organization_id,
      row.patient_id,
      row.form_id,
      row.version,
      row.key_version,
      row.answers,
      row.submitted_by,
    ],
  );
}

export async function listSubmissions(db: Queryable, org: string, patientId: string) {
  const { rows } = await db.query<SubmissionRow>(
    `select ${submissionColumns} from intake_submissions
      where organization_id = $1 and patient_id = $2 order by submitted_at, version`,
    [org, patientId],
  );
  return rows;
}

export async function countByVersion(db: Queryable, table: 'intake_drafts' | 'intake_submissions') {
  const { rows } = await db.query<{ organization_id: string; key_version: number; rows: string }>(
    `select organization_id, key_version, count(*) as rows from ${table}
      where key_version > 0 group by organization_id, key_version`,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    version: r.key_version,
    rows: Number(r.rows),
  }));
}

export async function lockStale(
  tx: Queryable,
  table: 'intake_drafts' | 'intake_submissions',
  org: string,
  current: number,
  limit: number,
) {
  const { rows } = await tx.query<{ id: string; answers: Uint8Array }>(
    `select id, answers from ${table}
      where organization_id = $1 and key_version > 0 and key_version < $2
      order by id limit $3 for update skip locked`,
    [org, current, limit],
  );
  return rows;
}

export async function rewriteAnswers(
  tx: Queryable,
  table: 'intake_drafts' | 'intake_submissions',
  org: string,
  id: string,
  keyVersion: number,
  answers: Uint8Array,
) {
  await tx.query(
    `update ${table} set key_version = $3, answers = $4 where organization_id = $1 and id = $2`,
    [org, id, keyVersion, answers],
  );
}
