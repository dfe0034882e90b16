import type { Queryable } from '../../platform/db/db.ts';
import { defaultPlan, type OutwardChannel, type Plan } from './notifications.plan.ts';
import type { MessageRow, Sent, TemplateRow } from './notifications.store.ts';

/**
 * The set-based SQL of delivery: what a batch of claimed messages needs, read in one statement
 * each (plans, saved templates, agreements), and the batch's `sending` and `sent` marks in one
 * statement each. Every statement is scoped by organization or message id.
 */

/** Locks those of the messages still scheduled, skipping any another worker holds. */
export async function lockScheduledMany(tx: Queryable, ids: string[]): Promise<MessageRow[]> {
  const { rows } = await tx.query<MessageRow>(
    `select * from notification_messages where id = any($1::uuid[]) and status = 'scheduled'
      order by due_at for update skip locked`,
    [ids],
  );
  return rows;
}

/** Marks the locked messages `sending` (one attempt more each), in the claim's transaction. */
export async function markSendingMany(tx: Queryable, ids: string[], at: Date) {
  if (ids.length === 0) return;
  await tx.query(
    `update notification_messages set status = 'sending', attempts = attempts + 1,
       claimed_at = $2, updated_at = now() where id = any($1::uuid[])`,
    [ids, at],
  );
}

/**
 * Records a batch `sent`, each with its vendor's id, in one statement; only messages still
 * `sending` change. Returns the ids recorded.
 */
export async function markSentMany(q: Queryable, sent: (Sent & { id: string })[]) {
  if (sent.length === 0) return new Set<string>();
  const col = <K extends keyof (Sent & { id: string })>(k: K) => sent.map((s) => s[k] ?? null);
  const { rows } = await q.query<{ id: string }>(
    `update notification_messages m set status = 'sent', channel = s.channel,
       template_key = s.template_key, template_version = s.template_version,
       language = s.language, subject = s.subject, body = s.body, vendor_id = s.vendor_id,
       sent_at = s.sent_at, recipient_digest = s.recipient_digest,
       delivery_status = 'accepted', updated_at = now()
      from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[],
                  $7::text[], $8::text[], $9::timestamptz[], $10::bytea[])
           as s(id, channel, template_key, template_version, language, subject, body, vendor_id,
                sent_at, recipient_digest)
     where m.id = s.id and m.status = 'sending'
     returning m.id`,
    [
      col('id'),
      col('channel'),
      col('templateKey'),
      col('templateVersion'),
      col('language'),
      col('subject'),
      col('body'),
      col('vendorId'),
      col('sentAt'),
      col('recipientDigest'),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

/** The plan in force for each (organization, type) pair: the type's, the organization's, the default. */
export async function plansFor(
  q: Queryable,
  pairs: { org: string; typeId: string | null }[],
): Promise<(key: { org: string; typeId: string | null }) => Plan> {
  const orgs = [...new Set(pairs.map((p) => p.org))];
  const { rows } = await q.query<{
    organization_id: string;
    appointment_type_id: string | null;
    confirmations: boolean;
    reminder_lead_hours: number;
    nudge_lead_minutes: number | null;
    channel_order: OutwardChannel[];
  }>(
    `select organization_id, appointment_type_id, confirmations, reminder_lead_hours,
            nudge_lead_minutes, channel_order
       from notification_plans where organization_id = any($1::uuid[])`,
    [orgs],
  );
  const byKey = new Map(
    rows.map((r) => [
      `${r.organization_id}|${r.appointment_type_id ?? ''}`,
      {
        confirmations: r.confirmations,
        reminderLeadHours: r.reminder_lead_hours,
        nudgeLeadMinutes: r.nudge_lead_minutes,
        channelOrder: r.channel_order,
      },
    ]),
  );
  return ({ org, typeId }) =>
    (typeId ? byKey.get(`${org}|${typeId}`) : undefined) ??
    byKey.get(`${org}|`) ?? { ...defaultPlan };
}

/** Every saved template of the organizations, by `org|kind|channel|language`. */
export async function savedTemplates(q: Queryable, orgs: string[]) {
  const { rows } = await q.query<TemplateRow & Record<string, string>>(
    `select organization_id, kind, channel, language, subject, body, version
       from notification_templates where organization_id = any($1::uuid[])`,
    [orgs],
  );
  return new Map(
    rows.map((r) => [
      `${r.organization_id}|${r.kind}|${r.channel}|${r.language}`,
      { subject: r.subject, body: r.body, version: r.version },
    ]),
  );
}

/** The organizations whose agreement with the vendor is in force on the app clock's UTC date. */
export async function agreementsInForce(
  q: Queryable,
  orgs: string[],
  vendor: string,
  now: Date,
): Promise<Set<string>> {
  const { rows } = await q.query<{ organization_id: string }>(
    `select organization_id from vendor_agreements
      where organization_id = any($1::uuid[]) and vendor = $2
        and signed_on <= $3::date and (expires_on is null or expires_on >= $3::date)`,
    [orgs, vendor, now.toISOString().slice(0, 10)],
  );
  return new Set(rows.map((r) => r.organization_id));
}

export interface NewActionToken {
  tokenHash: Buffer;
  organization_id: string;
  message_id: string;
  appointment_id: string;
  patient_id: string;
  purpose: string;
  expires_at: Date;
}

/** The action-link tokens of a batch's rendered messages, in one statement. */
export async function insertActionTokens(q: Queryable, t: NewActionToken[]) {
  if (t.length === 0) return;
  await q.query(
    `insert into notification_action_tokens (token_hash, organization_id, message_id,
       appointment_id, patient_id, purpose, expires_at)
     select * from unnest($1::bytea[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[],
                          $7::timestamptz[])`,
    [
      t.map((x) => x.tokenHash),
      t.map((x) => x.organization_id),
      t.map((x) => x.message_id),
      t.map((x) => x.appointment_id),
      t.map((x) => x.patient_id),
      t.map((x) => x.purpose),
      t.map((x) => x.expires_at),
    ],
  );
}
