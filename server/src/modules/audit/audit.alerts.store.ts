import type { Queryable } from '../../platform/db/db.ts';

export interface AlertRuleRow {
  id: string;
  organization_id: string;
  kind: string;
  params: Record<string, unknown>;
  /** Whether alerts of this rule are emailed to the organization's compliance officers. */
  email: boolean;
  webhook_url: string | null;
  /** The webhook signing secret as the vault encrypted it (audit.webhook-secrets.ts). */
  webhook_secret_enc: Buffer | null;
  enabled: boolean;
}

export interface AlertRow {
  id: string;
  organization_id: string;
  rule_id: string;
  kind: string;
  subject: string | null;
  summary: string;
  event_ids: string[];
  raised_at: Date;
  webhook_status: string | null;
  /** How many (patients, denials, problems…) and over how many minutes, where the kind has them. */
  count: number | null;
  window_minutes: number | null;
}

const alertColumns = `id::text as id, organization_id::text as organization_id,
  rule_id::text as rule_id, kind, subject, summary, event_ids::text[] as event_ids, raised_at,
  webhook_status, count, window_minutes`;

const ruleColumns = `id::text as id, organization_id::text as organization_id, kind, params, email,
  webhook_url, webhook_secret_enc, enabled`;

/** A rule; the id is chosen by the caller, because the vault binds it into the secret's ciphertext. */
export async function insertRule(
  tx: Queryable,
  r: Omit<AlertRuleRow, 'enabled' | 'email'> & { email?: boolean },
): Promise<AlertRuleRow> {
  const { rows } = await tx.query<AlertRuleRow>(
    `insert into audit_alert_rules (id, organization_id, kind, params, email, webhook_url,
       webhook_secret_enc)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7)
     returning ${ruleColumns}`,
    [
      r.id,
      r.organization_id,
      r.kind,
      JSON.stringify(r.params),
      r.email ?? false,
      r.webhook_url,
      r.webhook_secret_enc,
    ],
  );
  return rows[0]!;
}

export async function enabledRules(db: Queryable, kind?: string): Promise<AlertRuleRow[]> {
  const { rows } = await db.query<AlertRuleRow>(
    `select ${ruleColumns} from audit_alert_rules
      where enabled and ($1::text is null or kind = $1) order by created_at, id`,
    [kind ?? null],
  );
  return rows;
}

export async function rulesOf(db: Queryable, organizationId: string): Promise<AlertRuleRow[]> {
  const { rows } = await db.query<AlertRuleRow>(
    `select ${ruleColumns} from audit_alert_rules where organization_id = $1
      order by created_at, id`,
    [organizationId],
  );
  return rows;
}

/** One rule of an organization, locked for a change. */
export async function ruleOf(
  tx: Queryable,
  organizationId: string,
  id: string,
): Promise<AlertRuleRow | null> {
  const { rows } = await tx.query<AlertRuleRow>(
    `select ${ruleColumns} from audit_alert_rules
      where organization_id = $1 and id = $2::uuid for update`,
    [organizationId, id],
  );
  return rows[0] ?? null;
}

/** Sets the given fields of a rule (undefined leaves one as it is); returns the rule. */
export async function updateRule(
  tx: Queryable,
  id: string,
  set: {
    params?: Record<string, unknown> | undefined;
    enabled?: boolean | undefined;
    email?: boolean | undefined;
    webhook_url?: string | null | undefined;
    webhook_secret_enc?: Buffer | null | undefined;
  },
): Promise<AlertRuleRow> {
  const { rows } = await tx.query<AlertRuleRow>(
    `update audit_alert_rules set
       params = coalesce($2::jsonb, params),
       enabled = coalesce($3, enabled),
       email = coalesce($4, email),
       webhook_url = case when $5 then $6 else webhook_url end,
       webhook_secret_enc = case when $5 and $6::text is null then null
                                 when $7 then $8 else webhook_secret_enc end
     where id = $1::uuid
     returning ${ruleColumns}`,
    [
      id,
      set.params === undefined ? null : JSON.stringify(set.params),
      set.enabled ?? null,
      set.email ?? null,
      set.webhook_url !== undefined,
      set.webhook_url ?? null,
      set.webhook_secret_enc !== undefined,
      set.webhook_secret_enc ?? null,
    ],
  );
  return rows[0]!;
}

/** One alert and the rule that raised it. */
export async function findAlert(
  db: Queryable,
  id: string,
): Promise<{ alert: AlertRow; rule: AlertRuleRow } | null> {
  const { rows } = await db.query<AlertRow>(
    `select ${alertColumns} from audit_alerts where id = $1::uuid`,
    [id],
  );
  const alert = rows[0];
  if (!alert) return null;
  const rule = await db.query<AlertRuleRow>(
    `select ${ruleColumns} from audit_alert_rules where id = $1::uuid`,
    [alert.rule_id],
  );
  return { alert, rule: rule.rows[0]! };
}

/** Raises an alert unless one with the same dedupe key exists; returns it only when new. */
export async function raiseAlert(
  db: Queryable,
  a: Omit<AlertRow, 'id' | 'raised_at' | 'webhook_status'> & { dedupe_key: string },
): Promise<AlertRow | null> {
  const { rows } = await db.query<AlertRow>(
    `insert into audit_alerts (organization_id, rule_id, kind, subject, summary, event_ids,
       dedupe_key, count, window_minutes)
     values ($1, $2, $3, $4, $5, $6::uuid[], $7, $8, $9)
     on conflict (dedupe_key) do nothing
     returning ${alertColumns}`,
    [
      a.organization_id,
      a.rule_id,
      a.kind,
      a.subject,
      a.summary,
      a.event_ids,
      a.dedupe_key,
      a.count,
      a.window_minutes,
    ],
  );
  return rows[0] ?? null;
}

export async function setWebhookStatus(db: Queryable, id: string, status: string): Promise<void> {
  await db.query(`update audit_alerts set webhook_status = $2 where id = $1`, [id, status]);
}

export async function alertsOf(
  db: Queryable,
  organizationId: string,
  limit: number,
): Promise<AlertRow[]> {
  const { rows } = await db.query<AlertRow>(
    `select ${alertColumns}
       from audit_alerts where organization_id = $1 order by raised_at desc, id limit $2`,
    [organizationId, limit],
  );
  return rows;
}

export async function alertCursor(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ last_seq: string }>(
    `select last_seq::text as last_seq from audit_alert_cursor where id = 1`,
  );
  return rows[0]!.last_seq;
}

export async function moveAlertCursor(db: Queryable, from: string, to: string): Promise<boolean> {
  const r = await db.query(
    `update audit_alert_cursor set last_seq = $2 where id = 1 and last_seq = $1`,
    [from, to],
  );
  return r.rowCount === 1;
}

/** The newest sealed sequence number: everything up to it is final (see audit.sealer.ts). */
export async function sealedUpTo(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ s: string }>(
    `select coalesce(max(last_seq), 0)::text as s from audit_checkpoints`,
  );
  return rows[0]!.s;
}

export interface EventLite {
  id: string;
  seq: string;
  occurred_at: Date;
  organization_id: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  patient_id: string | null;
  outcome: string;
  source_ip: string | null;
  user_agent_digest: string | null;
  source_country: string | null;
}

export async function eventsBetween(
  db: Queryable,
  after: string,
  upTo: string,
): Promise<EventLite[]> {
  const { rows } = await db.query<EventLite>(
    `select id::text as id, seq::text as seq, occurred_at, organization_id::text as organization_id,
            actor_id, action, resource_type, resource_id, patient_id::text as patient_id, outcome, source_ip, user_agent_digest,
            source_country
       from audit_events
      where seq > $1::bigint and seq <= $2::bigint and organization_id is not null
      order by audit_events.seq`,
    [after, upTo],
  );
  return rows;
}

/** Distinct patients one actor read successfully in [from, to), with the events behind them. */
export async function patientReads(
  db: Queryable,
  organizationId: string,
  actorId: string,
  from: Date,
  to: Date,
): Promise<{ patients: number; eventIds: string[] }> {
  const { rows } = await db.query<{ patients: string; ids: string[] | null }>(
    `select count(distinct patient_id)::text as patients, array_agg(id::text order by seq) as ids
       from audit_events
      where organization_id = $1 and actor_id = $2 and outcome = 'success'
        and patient_id is not null and occurred_at >= $3 and occurred_at < $4
        and action not like 'audit.%'`,
    [organizationId, actorId, from, to],
  );
  return { patients: Number(rows[0]!.patients), eventIds: rows[0]!.ids ?? [] };
}

/** Denied events of one subject (user id, or source address when anonymous) in [from, to). */
/**
 * Failed attempts at proving who one is (password, code): guessing shows as these, `failed`
 * rather than `denied`, so the repeated-denials rule counts them too.
 */
export const attemptAction = /^identity\.(sign_in|step_up|mfa\.verify)$/;

/** Whose refusals to count: a user, an anonymous source address, or the account signed in to. */
export type RefusalSubject = { actorId: string | null; ip: string | null } | { accountId: string };

/** Denied requests, and failed sign-in, step-up and MFA attempts, of one subject in [from, to). */
export async function denials(
  db: Queryable,
  organizationId: string,
  subject: RefusalSubject,
  from: Date,
  to: Date,
): Promise<string[]> {
  const [who, params] =
    'accountId' in subject
      ? [`actor_id is null and resource_type = 'account' and resource_id = $5`, [subject.accountId]]
      : [
          `(case when $5::text is null then actor_id is null and source_ip = $6 else actor_id = $5 end)`,
          [subject.actorId, subject.ip],
        ];
  const { rows } = await db.query<{ id: string }>(
    `select id::text as id from audit_events
      where organization_id = $1
        and (outcome = 'denied' or (outcome = 'failed' and action ~ $4))
        and ${who}
        and occurred_at >= $2 and occurred_at < $3
      order by seq`,
    [organizationId, from, to, attemptAction.source, ...params],
  );
  return rows.map((r) => r.id);
}

/**
 * Whether this actor used this device (user-agent digest) or came from this country before the
 * given event: the account's known devices and countries are what its audit trail shows.
 */
export async function seenBefore(
  db: Queryable,
  organizationId: string,
  actorId: string,
  what: { digest: string } | { country: string },
  beforeSeq: string,
): Promise<boolean> {
  const column = 'digest' in what ? 'user_agent_digest' : 'source_country';
  const { rows } = await db.query(
    `select 1 from audit_events
      where organization_id = $1 and actor_id = $2 and ${column} = $3 and seq < $4::bigint
      limit 1`,
    [organizationId, actorId, 'digest' in what ? what.digest : what.country, beforeSeq],
  );
  return rows.length > 0;
}

/** What a sign-in's audit action looks like, whichever module writes it (identity.sign_in, …). */
export const signInAction = /(sign_?in|login)$/;

/** The actor's latest successful sign-in at or before the given time. */
export async function lastSignIn(
  db: Queryable,
  organizationId: string,
  actorId: string,
  atOrBefore: Date,
): Promise<EventLite | null> {
  const { rows } = await db.query<EventLite>(
    `select id::text as id, seq::text as seq, occurred_at, organization_id::text as organization_id,
            actor_id, action, resource_type, resource_id, patient_id::text as patient_id, outcome, source_ip, user_agent_digest,
            source_country
       from audit_events
      where organization_id = $1 and actor_id = $2 and outcome = 'success'
        and action ~ $4
        and occurred_at <= $3
      order by audit_events.seq desc limit 1`,
    [organizationId, actorId, atOrBefore, signInAction.source],
  );
  return rows[0] ?? null;
}
