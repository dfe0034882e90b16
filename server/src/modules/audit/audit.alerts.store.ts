import type { Queryable } from '../../platform/db/db.ts';

export interface AlertRuleRow {
  id: string;
  organization_id: string;
  kind: string;
  params: Record<string, unknown>;
  webhook_url: string | null;
  webhook_secret: string | null;
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
}

export async function insertRule(
  tx: Queryable,
  r: Omit<AlertRuleRow, 'id' | 'enabled'>,
): Promise<AlertRuleRow> {
  const { rows } = await tx.query<AlertRuleRow>(
    `insert into audit_alert_rules (organization_id, kind, params, webhook_url, webhook_secret)
     values ($1, $2, $3::jsonb, $4, $5)
     returning id, organization_id::text as organization_id, kind, params, webhook_url, webhook_secret, enabled`,
    [r.organization_id, r.kind, JSON.stringify(r.params), r.webhook_url, r.webhook_secret],
  );
  return rows[0]!;
}

export async function enabledRules(db: Queryable, kind?: string): Promise<AlertRuleRow[]> {
  const { rows } = await db.query<AlertRuleRow>(
    `select id, organization_id::text as organization_id, kind, params, webhook_url,
            webhook_secret, enabled
       from audit_alert_rules where enabled and ($1::text is null or kind = $1)
      order by created_at, id`,
    [kind ?? null],
  );
  return rows;
}

export async function rulesOf(db: Queryable, organizationId: string): Promise<AlertRuleRow[]> {
  const { rows } = await db.query<AlertRuleRow>(
    `select id, organization_id::text as organization_id, kind, params, webhook_url,
            null as webhook_secret, enabled
       from audit_alert_rules where organization_id = $1 order by created_at, id`,
    [organizationId],
  );
  return rows;
}

/** Raises an alert unless one with the same dedupe key exists; returns it only when new. */
export async function raiseAlert(
  db: Queryable,
  a: Omit<AlertRow, 'id' | 'raised_at' | 'webhook_status'> & { dedupe_key: string },
): Promise<AlertRow | null> {
  const { rows } = await db.query<AlertRow>(
    `insert into audit_alerts (organization_id, rule_id, kind, subject, summary, event_ids, dedupe_key)
     values ($1, $2, $3, $4, $5, $6::uuid[], $7)
     on conflict (dedupe_key) do nothing
     returning id, organization_id::text as organization_id, rule_id::text as rule_id, kind,
               subject, summary, event_ids::text[] as event_ids, raised_at, webhook_status`,
    [a.organization_id, a.rule_id, a.kind, a.subject, a.summary, a.event_ids, a.dedupe_key],
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
    `select id, organization_id::text as organization_id, rule_id::text as rule_id, kind, subject,
            summary, event_ids::text[] as event_ids, raised_at, webhook_status
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
  patient_id: string | null;
  outcome: string;
  source_ip: string | null;
  user_agent_digest: string | null;
}

export async function eventsBetween(
  db: Queryable,
  after: string,
  upTo: string,
): Promise<EventLite[]> {
  const { rows } = await db.query<EventLite>(
    `select id::text as id, seq::text as seq, occurred_at, organization_id::text as organization_id,
            actor_id, action, patient_id::text as patient_id, outcome, source_ip, user_agent_digest
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
export async function denials(
  db: Queryable,
  organizationId: string,
  subject: { actorId: string | null; ip: string | null },
  from: Date,
  to: Date,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text as id from audit_events
      where organization_id = $1 and outcome = 'denied'
        and (case when $2::text is null then actor_id is null and source_ip = $3 else actor_id = $2 end)
        and occurred_at >= $4 and occurred_at < $5
      order by seq`,
    [organizationId, subject.actorId, subject.ip, from, to],
  );
  return rows.map((r) => r.id);
}

/** Whether this actor used this device (user-agent digest) before the given event. */
export async function deviceSeenBefore(
  db: Queryable,
  organizationId: string,
  actorId: string,
  digest: string,
  beforeSeq: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from audit_events
      where organization_id = $1 and actor_id = $2 and user_agent_digest = $3 and seq < $4::bigint
      limit 1`,
    [organizationId, actorId, digest, beforeSeq],
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
            actor_id, action, patient_id::text as patient_id, outcome, source_ip, user_agent_digest
       from audit_events
      where organization_id = $1 and actor_id = $2 and outcome = 'success'
        and action ~ $4
        and occurred_at <= $3
      order by audit_events.seq desc limit 1`,
    [organizationId, actorId, atOrBefore, signInAction.source],
  );
  return rows[0] ?? null;
}
