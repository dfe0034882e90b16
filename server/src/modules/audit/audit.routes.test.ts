import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testKeyringKeys, type TestApp } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import type { Policy } from '../../platform/http/route.ts';
import { auditRoutes } from './audit.routes.ts';
import { driveAndCollect, orgId, patientNo, recordReads } from './audit.testkit.ts';

// The compliance routes over HTTP. In the app they sit behind the placeholder policy (deny) until
// identity lands; here they are registered again under /test/audit with a policy that signs the
// caller in as a compliance officer, the way identity will.
const asComplianceOfficer: Policy = {
  name: 'test-compliance-officer',
  allows(req) {
    req.actor = {
      type: 'user',
      id: 'u_officer',
      organizationId: orgId,
      roles: ['compliance_officer'],
    };
    return true;
  },
};

const alertDeps = {
  vault: createVault(openEnvKeyring(testKeyringKeys)),
  webhooks: { allowPrivate: false },
};

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({
    extraRoutes: (app, db) => {
      auditRoutes(app, db, alertDeps, { access: asComplianceOfficer, prefix: '/test/audit' });
      // The same routes with a small export cap, to see a cut-short export say so.
      auditRoutes(app, db, alertDeps, {
        access: asComplianceOfficer,
        prefix: '/test/audit-capped',
        exportLimit: 2,
      });
    },
  });
  await recordReads(h.db, 3);
});
afterAll(() => h.close());

describe('the compliance API', () => {
  it('is closed to anonymous callers, and records the refusal', async () => {
    const { res, events } = await driveAndCollect(h, { method: 'GET', url: '/api/audit/events' });
    expect(res.statusCode).toBe(401);
    expect(events).toMatchObject([{ action: 'audit.search.request', outcome: 'denied' }]);
  });

  it('searches and records the request with the events it disclosed, once', async () => {
    const { res, events } = await driveAndCollect(h, {
      method: 'GET',
      url: `/test/audit/events?patientId=${patientNo(2)}&limit=5`,
      headers: { 'user-agent': 'ComplianceConsole/1.0' },
    });
    expect(res.statusCode).toBe(200);
    const page = JSON.parse(res.body) as { events: { id: string; requestId: string }[] };
    expect(page.events.map((e) => e.requestId)).toEqual(['req_2']);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['audit.search', 'success']]);
    expect(events[0]!.request_id).toBe(res.headers['x-request-id']);
    expect(events[0]!.resource_ids).toEqual([page.events[0]!.id]);
    expect(events[0]!.user_agent_digest).toMatch(/^[0-9a-f]{32}$/);
  });

  it('exports CSV as a download', async () => {
    const { res } = await driveAndCollect(h, {
      method: 'GET',
      url: '/test/audit/export?format=csv',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit-events.csv"');
    expect(res.body.split('\r\n')[0]).toMatch(/^id,seq,occurred_at,/);
  });

  it('says in its headers that an export is cut short, and where the next one starts', async () => {
    const url = '/test/audit-capped/export?format=csv&action=patient.read';
    const first = await h.app.inject({ method: 'GET', url });
    expect(first.headers['x-hourglass-truncated']).toBe('true');
    const after = String(first.headers['x-hourglass-next-after']);
    expect(first.body.trimEnd().split('\r\n')).toHaveLength(3);
    const rest = await h.app.inject({ method: 'GET', url: `${url}&after=${after}` });
    expect(rest.headers['x-hourglass-truncated']).toBeUndefined();
    expect(rest.body.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('exports FHIR AuditEvent NDJSON', async () => {
    const { res } = await driveAndCollect(h, {
      method: 'GET',
      url: `/test/audit/export?format=fhir-ndjson&patientId=${patientNo(1)}&action=patient.read`,
    });
    expect(res.headers['content-type']).toBe('application/fhir+ndjson; charset=utf-8');
    const lines = res.body.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { resourceType: string }).resourceType)).toEqual([
      'AuditEvent',
    ]);
  });

  it('answers a bad filter with a 400 naming the field, and discloses nothing', async () => {
    const { res, events } = await driveAndCollect(h, {
      method: 'GET',
      url: '/test/audit/events?patientId=not-a-uuid&color=blue',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([['audit.search.request', 'failed']]);
  });

  it('gives a patient’s accounting of disclosures for a period', async () => {
    const { res } = await driveAndCollect(h, {
      method: 'GET',
      url: `/test/audit/patients/${patientNo(3)}/disclosures?from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z`,
    });
    expect(res.statusCode).toBe(200);
    const report = JSON.parse(res.body) as { entries: { action: string }[] };
    expect(report.entries.map((e) => e.action)).toEqual(['patient.read']);
  });

  it('adds an alert rule, refusing a bad one with a 400 and nothing written', async () => {
    const bad = await driveAndCollect(h, {
      method: 'POST',
      url: '/test/audit/alert-rules',
      payload: { rule: { kind: 'bulk_patient_reads', threshold: -1 } },
    });
    expect(bad.res.statusCode).toBe(400);
    expect(bad.events.map((e) => e.action)).toEqual(['audit.alert_rule.create.request']);
    const { res, events } = await driveAndCollect(h, {
      method: 'POST',
      url: '/test/audit/alert-rules',
      payload: { rule: { kind: 'bulk_patient_reads', threshold: 40 } },
    });
    expect(res.statusCode).toBe(201);
    const rule = JSON.parse(res.body) as { id: string; params: object };
    expect(rule.params).toEqual({ threshold: 40, windowMinutes: 60 });
    expect(events.map((e) => [e.action, e.resource_id])).toEqual([
      ['audit.alert_rule.create', rule.id],
    ]);
    const alerts = await driveAndCollect(h, { method: 'GET', url: '/test/audit/alerts' });
    expect(JSON.parse(alerts.res.body)).toEqual({ alerts: [] });
  });

  it('lists the rules and changes one, each request audited once', async () => {
    const list = await driveAndCollect(h, { method: 'GET', url: '/test/audit/alert-rules' });
    expect(list.res.statusCode).toBe(200);
    const { rules } = JSON.parse(list.res.body) as { rules: { id: string; enabled: boolean }[] };
    expect(rules.length).toBeGreaterThan(0);
    expect(list.events.map((e) => [e.action, e.resource_ids])).toEqual([
      ['audit.alert_rules.read', rules.map((r) => r.id)],
    ]);
    const id = rules[0]!.id;
    const empty = await driveAndCollect(h, {
      method: 'PATCH',
      url: `/test/audit/alert-rules/${id}`,
      payload: {},
    });
    expect(empty.res.statusCode).toBe(400);
    const off = await driveAndCollect(h, {
      method: 'PATCH',
      url: `/test/audit/alert-rules/${id}`,
      payload: { enabled: false },
    });
    expect(off.res.statusCode).toBe(200);
    expect(JSON.parse(off.res.body)).toMatchObject({ id, enabled: false });
    expect(off.events.map((e) => [e.action, e.outcome, e.resource_id])).toEqual([
      ['audit.alert_rule.update', 'success', id],
    ]);
  });
});
