import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import {
  alertsOf,
  findAlert,
  insertRule,
  ruleOf,
  rulesOf,
  updateRule,
  type AlertRuleRow,
} from './audit.alerts.store.ts';
import { mayReadAuditLog } from './audit.policy.ts';
import type { AuditContext } from './audit.reader.ts';
import { createAudit } from './audit.service.ts';
import { sealWebhookSecret } from './audit.webhook-secrets.ts';
import { checkWebhookTarget, WebhookRefused, type WebhookPolicy } from './audit.webhook.ts';

const count = z.number().int().min(1).max(100_000);
const window = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** The alert rules an organization can set, each with its own parameters. */
const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bulk_patient_reads'),
    threshold: count.default(50),
    windowMinutes: window.default(60),
  }),
  z.strictObject({
    kind: z.literal('new_device_bulk_reads'),
    threshold: count.default(20),
    windowMinutes: window.default(60),
  }),
  z.strictObject({
    kind: z.literal('repeated_denials'),
    threshold: count.default(5),
    windowMinutes: window.default(15),
  }),
  z.strictObject({
    kind: z.literal('export_outside_hours'),
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as America/Chicago'),
    start: clock.default('07:00'),
    end: clock.default('19:00'),
  }),
  z.strictObject({ kind: z.literal('break_glass') }),
  z.strictObject({ kind: z.literal('verification_failure') }),
]);
/** https only, to a public address (audit.webhook.ts); checked again at every delivery. */
const webhookUrl = z.url({ protocol: /^https?$/ }).max(2000);
/** Signs each POST (HMAC-SHA256); stored encrypted, never returned. */
const webhookSecret = z.string().min(16).max(200);

export const alertRuleInputSchema = z.strictObject({
  rule: ruleSchema,
  /** Email each alert to the organization's compliance officers (in-app alerts are always on). */
  email: z.boolean().default(false),
  webhookUrl: webhookUrl.optional(),
  webhookSecret: webhookSecret.optional(),
});
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;

/**
 * A change to a rule: its parameters (the kind stays; a different kind is a new rule), whether it
 * is on, email, and the webhook (null removes it, and its secret with it). Rules are switched
 * off rather than deleted: the alerts they raised keep pointing at them.
 */
export const alertRuleUpdateSchema = z
  .strictObject({
    rule: ruleSchema.optional(),
    enabled: z.boolean().optional(),
    email: z.boolean().optional(),
    webhookUrl: webhookUrl.nullable().optional(),
    webhookSecret: webhookSecret.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Say what to change' });
export type AlertRuleUpdate = z.input<typeof alertRuleUpdateSchema>;

export const alertRuleViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  email: z.boolean(),
  webhookUrl: z.string().nullable(),
  /** Whether POSTs are signed; the secret itself is never returned. */
  webhookSigned: z.boolean(),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The rules a new clinic starts with (the demo clinic gets these): bulk reads, a new device then
 * bulk reads, repeated denials, break-glass use and verification failure, in-app only.
 */
export async function seedDefaultAlertRules(tx: Queryable, organizationId: string): Promise<void> {
  const defaults: [string, Record<string, unknown>][] = [
    ['bulk_patient_reads', { threshold: 50, windowMinutes: 60 }],
    ['new_device_bulk_reads', { threshold: 20, windowMinutes: 60 }],
    ['repeated_denials', { threshold: 5, windowMinutes: 15 }],
    ['break_glass', {}],
    ['verification_failure', {}],
  ];
  for (const [kind, params] of defaults) {
    await insertRule(tx, {
      id: randomUUID(),
      organization_id: organizationId,
      kind,
      params,
      webhook_url: null,
      webhook_secret_enc: null,
    });
  }
}

/** A rule as the API shows it: whether it has a signing secret, never the secret. */
function ruleView(rule: AlertRuleRow) {
  return {
    id: rule.id,
    kind: rule.kind,
    params: rule.params,
    enabled: rule.enabled,
    email: rule.email,
    webhookUrl: rule.webhook_url,
    webhookSigned: rule.webhook_secret_enc !== null,
  };
}

/** Rules and alerts for compliance officers of one organization. Changing a rule is audited. */
export function createAlertRules(db: Db, opts: { vault: Vault; webhooks: WebhookPolicy }) {
  const audit = createAudit(db);
  const officer = (actor: Actor) => {
    if (!mayReadAuditLog(actor))
      throw new Forbidden('Only compliance officers manage audit alerts.');
    return actor;
  };
  const checkTarget = async (url: string) => {
    try {
      await checkWebhookTarget(url, opts.webhooks);
    } catch (err) {
      if (!(err instanceof WebhookRefused)) throw err;
      throw new Invalid(err.message, [{ pointer: '/body/webhookUrl', detail: err.message }]);
    }
  };
  return {
    async create(actor: Actor, input: AlertRuleInput, ctx: AuditContext = {}) {
      const parsed = alertRuleInputSchema.parse(input);
      const base = {
        actor,
        action: 'audit.alert_rule.create',
        resourceType: 'audit_alert_rule',
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
      };
      if (!mayReadAuditLog(actor)) {
        await audit.record({ ...base, outcome: 'denied' });
      }
      const me = officer(actor);
      if (parsed.webhookUrl) await checkTarget(parsed.webhookUrl);
      return db.transaction(async (tx) => {
        const { kind, ...params } = parsed.rule;
        const id = randomUUID();
        const secret = parsed.webhookSecret;
        const rule = await insertRule(tx, {
          id,
          organization_id: me.organizationId,
          kind,
          params,
          email: parsed.email,
          webhook_url: parsed.webhookUrl ?? null,
          webhook_secret_enc: secret
            ? await sealWebhookSecret(tx, opts.vault, me.organizationId, id, secret)
            : null,
        });
        await audit.record({ ...base, resourceId: rule.id, outcome: 'success' }, tx);
        return ruleView(rule);
      });
    },
    /** Changes one rule of the officer's organization; the change is audited with the rule id. */
    async update(actor: Actor, id: string, input: AlertRuleUpdate) {
      const me = officer(actor);
      const change = alertRuleUpdateSchema.parse(input);
      if (change.webhookUrl) await checkTarget(change.webhookUrl);
      return db.transaction(async (tx) => {
        const rule = await ruleOf(tx, me.organizationId, id);
        if (!rule) throw new NotFound();
        let params: Record<string, unknown> | undefined;
        if (change.rule) {
          const { kind, ...rest } = change.rule;
          if (kind !== rule.kind) {
            throw new Invalid('A rule keeps its kind; add a new rule for another kind.', [
              { pointer: '/body/rule/kind', detail: `this rule is ${rule.kind}` },
            ]);
          }
          params = rest;
        }
        const removeHook = change.webhookUrl === null;
        const secret = removeHook ? null : change.webhookSecret;
        const updated = await updateRule(tx, rule.id, {
          params,
          enabled: change.enabled,
          email: change.email,
          webhook_url: change.webhookUrl,
          webhook_secret_enc:
            secret === undefined || secret === null
              ? secret
              : await sealWebhookSecret(tx, opts.vault, me.organizationId, rule.id, secret),
        });
        await audit.record(
          {
            actor,
            action: 'audit.alert_rule.update',
            resourceType: 'audit_alert_rule',
            resourceId: rule.id,
            outcome: 'success',
          },
          tx,
        );
        return ruleView(updated);
      });
    },
    async rules(actor: Actor) {
      return (await rulesOf(db, officer(actor).organizationId)).map(ruleView);
    },
    async alerts(actor: Actor, limit = 100) {
      return alertsOf(db, officer(actor).organizationId, limit);
    },
    /** One alert of the officer's own organization (the target of the alert email's link). */
    async alert(actor: Actor, id: string) {
      const found = await findAlert(db, id);
      if (!found || found.alert.organization_id !== officer(actor).organizationId) {
        throw new NotFound();
      }
      return found.alert;
    },
  };
}
