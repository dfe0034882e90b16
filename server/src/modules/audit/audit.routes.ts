import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { toView } from './audit.export.ts';
import { route, type App, type Policy } from '../../platform/http/route.ts';
import {
  alertRuleInputSchema,
  alertRuleUpdateSchema,
  alertRuleViewSchema,
  createAlertRules,
} from './audit.alert-rules.ts';
import type { AlertRow } from './audit.alerts.store.ts';
import { readAuditLog } from './audit.policy.ts';
import { createAuditReader } from './audit.reader.ts';
import { eventsByIds } from './audit.store.ts';
import {
  auditEventSchema,
  auditPageSchema,
  auditSearchQuerySchema,
  disclosureQuerySchema,
  disclosureReportSchema,
  exportQuerySchema,
} from './audit.schema.ts';

/**
 * The compliance officers' API. `access` is the placeholder policy until identity lands; tests
 * register these routes again under another prefix with a policy of their own.
 */
export function auditRoutes(
  app: App,
  db: Db,
  alertDeps: Parameters<typeof createAlertRules>[1],
  {
    access = readAuditLog,
    prefix = '/api/audit',
    exportLimit,
  }: { access?: Policy; prefix?: string; exportLimit?: number } = {},
) {
  const reader = createAuditReader(db, exportLimit ? { limit: exportLimit } : {});
  const alerting = createAlertRules(db, alertDeps);
  const ctx = (req: { id: string; ip: string; headers: { 'user-agent'?: string } }) => ({
    requestId: req.id,
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/events`,
    access,
    audit: { action: 'audit.search.request', resourceType: 'audit_event' },
    schema: {
      summary: 'Search the audit trail of your organization (newest first)',
      tags: ['audit'],
      querystring: auditSearchQuerySchema,
      response: { 200: auditPageSchema },
    },
    handler: async (req) => reader.search(req.actor, req.query, ctx(req)),
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/export`,
    access,
    audit: { action: 'audit.export.request', resourceType: 'audit_event' },
    schema: {
      summary: 'Export the audit trail as CSV or FHIR AuditEvent NDJSON (oldest first)',
      tags: ['audit'],
      querystring: exportQuerySchema,
      response: { 200: z.string() },
    },
    handler: async (req, reply) => {
      const { format, ...filter } = req.query;
      const { body, next } = await reader.export(req.actor, filter, format, ctx(req));
      const [type, ext] =
        format === 'csv' ? ['text/csv', 'csv'] : ['application/fhir+ndjson', 'ndjson'];
      reply
        .type(`${type}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="audit-events.${ext}"`);
      // Never a silent cut: say the file is partial and where the next one starts.
      if (next !== null)
        reply.header('x-hourglass-truncated', 'true').header('x-hourglass-next-after', next);
      return body;
    },
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/patients/:patientId/disclosures`,
    access,
    audit: { action: 'audit.accounting.request', resourceType: 'patient' },
    schema: {
      summary: "Accounting of disclosures: every access to one patient's record in a period",
      tags: ['audit'],
      params: z.strictObject({ patientId: z.uuid() }),
      querystring: disclosureQuerySchema,
      response: { 200: disclosureReportSchema },
    },
    handler: async (req) => {
      req.audited.patientId = req.params.patientId;
      return reader.disclosures(req.actor, req.params.patientId, req.query, ctx(req));
    },
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/alerts`,
    access,
    audit: { action: 'audit.alerts.read', resourceType: 'audit_alert' },
    schema: {
      summary: 'Alerts raised over the audit trail of your organization (newest first)',
      tags: ['audit'],
      response: { 200: z.object({ alerts: z.array(alertView) }) },
    },
    handler: async (req) => {
      const alerts = await alerting.alerts(req.actor);
      req.audited.resourceIds = alerts.map((a) => a.id);
      return { alerts: alerts.map(toAlertView) };
    },
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/alerts/:alertId`,
    access,
    audit: { action: 'audit.alert.read', resourceType: 'audit_alert' },
    schema: {
      summary: 'One alert, with the events behind it (where alert emails link)',
      tags: ['audit'],
      params: z.strictObject({ alertId: z.uuid() }),
      response: { 200: alertDetail },
    },
    handler: async (req) => {
      req.audited.resourceId = req.params.alertId;
      const alert = await alerting.alert(req.actor, req.params.alertId);
      // The officer's own organization only (alerting.alert checked it); ids, never PHI.
      const events = await eventsByIds(db, alert.organization_id, alert.event_ids);
      req.audited.resourceIds = events.map((e) => e.id);
      return { ...toAlertView(alert), events: events.map(toView) };
    },
  });

  route(app, {
    method: 'POST',
    url: `${prefix}/alert-rules`,
    access,
    audit: { action: 'audit.alert_rule.create.request', resourceType: 'audit_alert_rule' },
    schema: {
      summary: 'Add an alert rule for your organization',
      tags: ['audit'],
      body: alertRuleInputSchema,
      response: { 201: alertRuleViewSchema },
    },
    handler: async (req, reply) => {
      const rule = await alerting.create(req.actor, req.body, ctx(req));
      req.audited.resourceId = rule.id;
      return reply.code(201).send(rule);
    },
  });

  route(app, {
    method: 'GET',
    url: `${prefix}/alert-rules`,
    access,
    audit: { action: 'audit.alert_rules.read', resourceType: 'audit_alert_rule' },
    schema: {
      summary: "Your organization's alert rules, switched off ones included",
      tags: ['audit'],
      response: { 200: z.object({ rules: z.array(alertRuleViewSchema) }) },
    },
    handler: async (req) => {
      const rules = await alerting.rules(req.actor);
      req.audited.resourceIds = rules.map((r) => r.id);
      return { rules };
    },
  });

  route(app, {
    method: 'PATCH',
    url: `${prefix}/alert-rules/:ruleId`,
    access,
    audit: { action: 'audit.alert_rule.update', resourceType: 'audit_alert_rule' },
    schema: {
      summary: 'Change an alert rule: its parameters, on or off, email, webhook',
      tags: ['audit'],
      params: z.strictObject({ ruleId: z.uuid() }),
      body: alertRuleUpdateSchema,
      response: { 200: alertRuleViewSchema },
    },
    handler: async (req) => {
      req.audited.resourceId = req.params.ruleId;
      return alerting.update(req.actor, req.params.ruleId, req.body);
    },
  });
}

export const alertView = z.object({
  id: z.string(),
  kind: z.string(),
  subject: z.string().nullable(),
  summary: z.string(),
  eventIds: z.array(z.string()),
  raisedAt: z.string(),
  webhookStatus: z.string().nullable(),
});

/** One alert with the events behind it, as the search shows events (ids, never PHI). */
export const alertDetail = alertView.extend({ events: z.array(auditEventSchema) });

function toAlertView(a: AlertRow): z.infer<typeof alertView> {
  return {
    id: a.id,
    kind: a.kind,
    subject: a.subject,
    summary: a.summary,
    eventIds: a.event_ids,
    raisedAt: a.raised_at.toISOString(),
    webhookStatus: a.webhook_status,
  };
}
