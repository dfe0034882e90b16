import { z } from 'zod';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { alertsOf, insertRule, rulesOf } from './audit.alerts.store.ts';
import { mayReadAuditLog } from './audit.policy.ts';
import type { AuditContext } from './audit.reader.ts';
import { createAudit } from './audit.service.ts';

const count = z.number().int().min(1).max(100_000);
const window = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** The alert rules an organization can set, each with its own parameters. */
export const alertRuleInputSchema = z.strictObject({
  rule: z.discriminatedUnion('kind', [
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
  ]),
  webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
  webhookSecret: z.string().min(16).max(200).optional(),
});
export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;

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
      organization_id: organizationId,
      kind,
      params,
      webhook_url: null,
      webhook_secret: null,
    });
  }
}

/** Rules and alerts for compliance officers of one organization. Changing a rule is audited. */
export function createAlertRules(db: Db) {
  const audit = createAudit(db);
  const officer = (actor: Actor) => {
    if (!mayReadAuditLog(actor))
      throw new Forbidden('Only compliance officers manage audit alerts.');
    return actor;
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
      return db.transaction(async (tx) => {
        const { kind, ...params } = parsed.rule;
        const rule = await insertRule(tx, {
          organization_id: me.organizationId,
          kind,
          params,
          webhook_url: parsed.webhookUrl ?? null,
          webhook_secret: parsed.webhookSecret ?? null,
        });
        await audit.record({ ...base, resourceId: rule.id, outcome: 'success' }, tx);
        return { id: rule.id, kind: rule.kind, params: rule.params, webhookUrl: rule.webhook_url };
      });
    },
    async rules(actor: Actor) {
      return rulesOf(db, officer(actor).organizationId);
    },
    async alerts(actor: Actor, limit = 100) {
      return alertsOf(db, officer(actor).organizationId, limit);
    },
  };
}
