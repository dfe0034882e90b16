import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { driveAndCollect, patientNo } from './audit.testkit.ts';

// Audit coverage: every route in the registry is driven once, and must leave exactly the events
// it declares — one event with its audit action (and the right outcome) for a route that touches
// PHI, none for a route declared 'none'. A new route without a sample request here fails the test:
// add one when you add a route.
const samples: Record<string, string | { url: string; payload: object }> = {
  'GET /api/openapi.json': '/api/openapi.json',
  'GET /health/live': '/health/live',
  'GET /health/ready': '/health/ready',
  'GET /api/organizations': '/api/organizations',
  'GET /api/organizations/:slug': '/api/organizations/no-such-clinic',
  'GET /assets/*': '/assets/app.js',
  'GET /*': '/some/page',
  'GET /api/audit/events': `/api/audit/events?patientId=${patientNo(1)}`,
  'GET /api/audit/export': '/api/audit/export?format=csv',
  'GET /api/audit/alerts': '/api/audit/alerts',
  'POST /api/audit/alert-rules': {
    url: '/api/audit/alert-rules',
    payload: { rule: { kind: 'break_glass' } },
  },
  'GET /api/audit/patients/:patientId/disclosures': `/api/audit/patients/${patientNo(1)}/disclosures?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
};

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

describe('audit coverage of every route', () => {
  it('has a sample request for every registered route', () => {
    const routes = h.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in samples))).toEqual([]);
  });

  it('leaves exactly the declared events for each route', async () => {
    for (const r of h.routes.filter((x) => x.method !== 'HEAD')) {
      const key = `${r.method} ${r.url}`;
      const sample = samples[key]!;
      const { res, events } = await driveAndCollect(h, {
        method: r.method,
        ...(typeof sample === 'string' ? { url: sample } : sample),
      });
      if (r.audit === 'none') {
        expect(events, key).toEqual([]);
        continue;
      }
      const outcome =
        res.statusCode === 401 || res.statusCode === 403
          ? 'denied'
          : res.statusCode < 400
            ? 'success'
            : 'failed';
      expect(
        events.filter((e) => e.action === r.audit).map((e) => e.outcome),
        key,
      ).toEqual([outcome]);
    }
  });
});
