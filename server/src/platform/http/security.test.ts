import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

describe('HTTP baseline', () => {
  it('sends a strict content security policy with no inline script', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health/live' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('never lets API responses be cached', async () => {
    for (const url of ['/api/organizations', '/api/nothing-here']) {
      const res = await h.app.inject({ method: 'GET', url });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('publishes an OpenAPI 3.1 document built from the route schemas', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/organizations', '/api/organizations/{slug}', '/health/ready']),
    );
    const org = doc.paths['/api/organizations/{slug}'].get;
    expect(org.parameters[0]).toMatchObject({ name: 'slug', in: 'path', required: true });
    expect(Object.keys(org.responses)).toEqual(expect.arrayContaining(['200', '4XX', '5XX']));
  });

  it('explains when the web app has not been built', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toMatch(/npm start/);
  });
});
