import type { Queryable } from '../../platform/db/db.ts';
import {
  defaultPlan,
  type MessageKind,
  type OutwardChannel,
  type Plan,
} from './notifications.plan.ts';

/**
 * The SQL of the notifications tables (the patient's inbox reads are in notifications.inbox-store.ts,
 * delivery's set-based statements in notifications.delivery-store.ts); every statement is scoped by
 * organization or id.
 */

interface PlanRow {
  appointment_type_id: string | null;
  confirmations: boolean;
  reminder_lead_hours: number;
  nudge_lead_minutes: number | null;
  channel_order: OutwardChannel[];
}

const toPlan = (r: PlanRow): Plan => ({
  confirmations: r.confirmations,
  reminderLeadHours: r.reminder_lead_hours,
  nudgeLeadMinutes: r.nudge_lead_minutes,
  channelOrder: r.channel_order,
});

/** The type's override, else the organization's plan, else the defaults. */
export async function findPlan(q: Queryable, org: string, typeId: string | null): Promise<Plan> {
  return (await findPlanWithSource(q, org, typeId)).plan;
}

/** The plan in force for a type (or the organization), and where it comes from. */
export async function findPlanWithSource(
  q: Queryable,
  org: string,
  typeId: string | null,
): Promise<{ plan: Plan; source: 'type' | 'organization' | 'default' }> {
  const { rows } = await q.query<PlanRow>(
    `select appointment_type_id, confirmations, reminder_lead_hours, nudge_lead_minutes, channel_order
       from notification_plans
      where organization_id = $1 and (appointment_type_id is null or appointment_type_id = $2)
      order by appointment_type_id nulls last limit 1`,
    [org, typeId],
  );
  const row = rows[0];
  if (!row) return { plan: { ...defaultPlan }, source: 'default' };
  return { plan: toPlan(row), source: row.appointment_type_id ? 'type' : 'organization' };
}

export async function savePlan(
  tx: Queryable,
  org: string,
  typeId: string | null,
  plan: Plan,
  by: string,
) {
  await tx.query(
    `delete from notification_plans where organization_id = $1
        and appointment_type_id is not distinct from $2`,
    [org, typeId],
  );
  await tx.query(
    `insert into notification_plans (organization_id, appointment_type_id, confirmations,
       reminder_lead_hours, nudge_lead_minutes, channel_order, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      org,
      typeId,
      plan.confirmations,
      plan.reminderLeadHours,
      plan.nudgeLeadMinutes,
      plan.channelOrder,
      by,
    ],
  );
}

export interface NewMessage {
  organizationId: string;
  appointmentId: string;
  patientId: string;
  kind: MessageKind;
  dueAt: Date;
  respectsQuiet: boolean;
  reasonCode: string | null;
  appointmentStart: Date;
  locationId: string;
  modality: string;
  idempotencyKey: string;
  jobId: string | null;
  resendOf?: string;
  /** The type the message was planned for (its plan's channel order applies at delivery). */
  appointmentTypeId?: string | null;
}

/** Inserts a planned message; undefined when its idempotency key was planned already. */
export async function insertMessage(tx: Queryable, m: NewMessage): Promise<string | undefined> {
  const { rows } = await tx.query<{ id: string }>(
    `insert into notification_messages (organization_id, appointment_id, patient_id, kind, due_at,
       respects_quiet, reason_code, appointment_start, location_id, modality, idempotency_key,
       job_id, resend_of, appointment_type_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (idempotency_key) do nothing returning id`,
    [
      m.organizationId,
      m.appointmentId,
      m.patientId,
      m.kind,
      m.dueAt,
      m.respectsQuiet,
      m.reasonCode,
      m.appointmentStart,
      m.locationId,
      m.modality,
      m.idempotencyKey,
      m.jobId,
      m.resendOf ?? null,
      m.appointmentTypeId ?? null,
    ],
  );
  return rows[0]?.id;
}

export async function setJob(tx: Queryable, id: string, jobId: string | null, dueAt?: Date) {
  await tx.query(
    `update notification_messages set job_id = $2, due_at = coalesce($3, due_at), updated_at = now()
      where id = $1`,
    [id, jobId, dueAt ?? null],
  );
}

/** Cancels an appointment's messages not yet sent; returns their jobs, to cancel with them. */
export async function cancelPending(tx: Queryable, appointmentId: string): Promise<string[]> {
  const { rows } = await tx.query<{ job_id: string | null }>(
    `update notification_messages set status = 'cancelled', updated_at = now()
      where appointment_id = $1 and status = 'scheduled' returning job_id`,
    [appointmentId],
  );
  return rows.flatMap((r) => (r.job_id ? [r.job_id] : []));
}

export interface MessageRow {
  id: string;
  organization_id: string;
  appointment_id: string;
  patient_id: string;
  kind: MessageKind;
  status: string;
  due_at: Date;
  respects_quiet: boolean;
  reason_code: string | null;
  appointment_start: Date;
  location_id: string;
  modality: string;
  idempotency_key: string;
  job_id: string | null;
  appointment_type_id: string | null;
  claimed_at: Date | null;
  channel: string | null;
  template_key: string | null;
  template_version: number | null;
  language: string | null;
  subject: string | null;
  body: string | null;
  vendor_id: string | null;
  delivery_status: string | null;
  attempts: number;
  sent_at: Date | null;
  read_at: Date | null;
  created_at: Date;
}

/**
 * Locks up to `limit` scheduled messages due by `now`, oldest first, skipping those another
 * worker holds: concurrent workers claim disjoint batches.
 */
export async function lockDue(tx: Queryable, now: Date, limit: number): Promise<MessageRow[]> {
  const { rows } = await tx.query<MessageRow>(
    `select * from notification_messages where status = 'scheduled' and due_at <= $1
      order by due_at limit $2 for update skip locked`,
    [now, limit],
  );
  return rows;
}

export interface Sent {
  channel: string;
  templateKey: string;
  templateVersion: number;
  language: string;
  subject: string;
  body: string;
  vendorId: string;
  /** SMS: the keyed digest of the number (inbound replies are matched on it). */
  recipientDigest?: Buffer | undefined;
  sentAt: Date;
}

export async function markFailed(q: Queryable, id: string) {
  await q.query(
    `update notification_messages set status = 'failed', updated_at = now()
      where id = $1 and status = 'sending'`,
    [id],
  );
}

/**
 * Messages a worker claimed before `before` and never recorded (it died between the vendor and
 * the record): `failed`, their delivery `unconfirmed`. Returns them for the audit trail.
 */
export async function failLostClaims(q: Queryable, before: Date) {
  const { rows } = await q.query<{ id: string; organization_id: string; patient_id: string }>(
    `update notification_messages set status = 'failed', delivery_status = 'unconfirmed',
       updated_at = now()
      where status = 'sending' and claimed_at < $1
     returning id, organization_id, patient_id`,
    [before],
  );
  return rows;
}

/** Scheduled messages due by `now`, oldest first (the sweep's catch-up, and tests). */
export async function dueIds(q: Queryable, now: Date, limit: number): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `select id from notification_messages where status = 'scheduled' and due_at <= $1
      order by due_at limit $2`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

export async function listForAppointment(q: Queryable, org: string, appointmentId: string) {
  const { rows } = await q.query<MessageRow>(
    `select * from notification_messages where organization_id = $1 and appointment_id = $2
      order by created_at, due_at`,
    [org, appointmentId],
  );
  return rows;
}

/** Past the retention window only the metadata stays: the rendered text is cleared. */
export async function purgeBodies(q: Queryable, sentBefore: Date): Promise<number> {
  const { rowCount } = await q.query(
    `update notification_messages set subject = null, body = null, body_purged_at = now()
      where status = 'sent' and body is not null and sent_at < $1`,
    [sentBefore],
  );
  return rowCount;
}

export interface TemplateRow {
  subject: string;
  body: string;
  version: number;
}

export async function findTemplate(
  q: Queryable,
  org: string,
  kind: string,
  channel: string,
  language: string,
): Promise<TemplateRow | undefined> {
  const { rows } = await q.query<TemplateRow>(
    `select subject, body, version from notification_templates
      where organization_id = $1 and kind = $2 and channel = $3 and language = $4`,
    [org, kind, channel, language],
  );
  return rows[0];
}

export async function saveTemplate(
  tx: Queryable,
  org: string,
  key: { kind: string; channel: string; language: string },
  t: { subject: string; body: string },
  by: string,
): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    `insert into notification_templates (organization_id, kind, channel, language, subject, body, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (organization_id, kind, channel, language) do update
       set subject = $5, body = $6, updated_by = $7, updated_at = now(),
           version = notification_templates.version + 1
     returning version`,
    [org, key.kind, key.channel, key.language, t.subject, t.body, by],
  );
  return rows[0]!.version;
}

export async function findMessage(q: Queryable, org: string, id: string) {
  const { rows } = await q.query<MessageRow>(
    'select * from notification_messages where organization_id = $1 and id = $2',
    [org, id],
  );
  return rows[0];
}

export async function lockMessage(tx: Queryable, org: string, id: string) {
  const { rows } = await tx.query<MessageRow>(
    'select * from notification_messages where organization_id = $1 and id = $2 for update',
    [org, id],
  );
  return rows[0];
}

export async function setStatus(tx: Queryable, id: string, status: string) {
  await tx.query('update notification_messages set status = $2, updated_at = now() where id = $1', [
    id,
    status,
  ]);
}

/** Staff said now: due now, quiet hours or not. */
export async function sendNow(tx: Queryable, id: string, now: Date) {
  await tx.query(
    `update notification_messages set due_at = $2, respects_quiet = false, updated_at = now()
      where id = $1`,
    [id, now],
  );
}

export async function countResends(tx: Queryable, id: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    'select count(*)::int as n from notification_messages where resend_of = $1',
    [id],
  );
  return rows[0]!.n;
}

export async function insertOverride(
  tx: Queryable,
  messageId: string,
  action: string,
  actorId: string,
  reason: string,
  at: Date,
) {
  await tx.query(
    `insert into notification_overrides (message_id, action, actor_id, reason, at)
     values ($1, $2, $3, $4, $5)`,
    [messageId, action, actorId, reason, at],
  );
}

export interface OverrideRow {
  message_id: string;
  action: string;
  actor_id: string;
  reason: string;
  at: Date;
}

export async function overridesOf(q: Queryable, messageIds: string[]) {
  const { rows } = await q.query<OverrideRow>(
    `select message_id, action, actor_id, reason, at from notification_overrides
      where message_id = any($1::uuid[]) order by at`,
    [messageIds],
  );
  return rows;
}
