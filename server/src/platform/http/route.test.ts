import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createFixtureTables, fixtureRoutes } from '../../../test/fixture-routes.ts';
import { publicAccess } from '../../modules/access/access.policy.ts';
import { listAuditEvents } from '../../modules/audit/audit.store.ts';
import { route, RouteDeclarationError, type App } from './route.ts';

/**
 * Every route the app serves, with who may call it and what it audits. A new route fails this
 * test until it is added here: the table is the reviewable record of the API's access rules.
 */
const expectedRoutes = [
  ['GET', '/api/openapi.json', 'public', 'none'],
  ['GET', '/health/live', 'public', 'none'],
  ['GET', '/health/ready', 'public', 'none'],
  ['GET', '/api/organizations', 'public', 'none'],
  ['GET', '/api/organizations/:slug', 'public', 'none'],
  ['GET', '/api/organizations/:slug/providers', 'public', 'none'],
  ['GET', '/api/organizations/:slug/appointment-types', 'public', 'none'],
  ['POST', '/api/organizations/:slug/locations', 'deny', 'directory.location.create'],
  ['PUT', '/api/organizations/:slug/locations/:id', 'deny', 'directory.location.update'],
  ['POST', '/api/organizations/:slug/providers', 'deny', 'directory.provider.create'],
  ['PUT', '/api/organizations/:slug/providers/:id', 'deny', 'directory.provider.update'],
  ['POST', '/api/organizations/:slug/resources', 'deny', 'directory.resource.create'],
  ['PUT', '/api/organizations/:slug/resources/:id', 'deny', 'directory.resource.update'],
  ['DELETE', '/api/organizations/:slug/holidays/:date', 'deny', 'directory.holiday.delete'],
  [
    'POST',
    '/api/organizations/:slug/appointment-types',
    'deny',
    'directory.appointment_type.create',
  ],
  [
    'PUT',
    '/api/organizations/:slug/appointment-types/:id',
    'deny',
    'directory.appointment_type.update',
  ],
  ['POST', '/api/organizations/:slug/working-hours', 'deny', 'directory.working_hours.create'],
  [
    'DELETE',
    '/api/organizations/:slug/working-hours/:id',
    'deny',
    'directory.working_hours.delete',
  ],
  ['POST', '/api/organizations/:slug/date-overrides', 'deny', 'directory.date_override.create'],
  [
    'DELETE',
    '/api/organizations/:slug/date-overrides/:id',
    'deny',
    'directory.date_overrides.delete',
  ],
  ['POST', '/api/organizations/:slug/time-off', 'deny', 'directory.time_off.create'],
  ['DELETE', '/api/organizations/:slug/time-off/:id', 'deny', 'directory.time_off.delete'],
  ['POST', '/api/organizations/:slug/holidays', 'deny', 'directory.holiday.create'],
  ['GET', '/api/availability', 'public', 'none'],
  ['POST', '/api/appointments', 'deny', 'booking.request.hold'],
  ['GET', '/api/appointments/:id', 'deny', 'booking.view'],
  ['POST', '/api/appointments/:id/confirm', 'deny', 'booking.request.confirm'],
  ['POST', '/api/appointments/:id/cancel', 'deny', 'booking.request.cancel'],
  ['POST', '/api/appointments/:id/reschedule', 'deny', 'booking.request.reschedule'],
  ['POST', '/api/appointments/:id/check-in', 'deny', 'booking.request.checkIn'],
  ['POST', '/api/appointments/:id/no-show', 'deny', 'booking.request.noShow'],
  ['POST', '/api/appointments/:id/complete', 'deny', 'booking.request.complete'],
  ['GET', '/assets/*', 'public', 'none'],
  ['GET', '/*', 'public', 'none'],
];

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ extraRoutes: fixtureRoutes });
  await createFixtureTables(h.db);
});
afterAll(() => h.close());

describe('the route registry', () => {
  it('holds every route the app serves, each with an access policy and an audit declaration', async () => {
    const plain = await startTestApp();
    try {
      const served = plain.routes
        .filter((r) => r.method !== 'HEAD')
        .map((r) => [r.method, r.url, r.access, r.audit]);
      expect(served.sort()).toEqual([...expectedRoutes].sort());
      for (const r of plain.routes) {
        expect(r.access, `${r.method} ${r.url}`).toBeTruthy();
        expect(r.audit, `${r.method} ${r.url}`).toBeTruthy();
      }
    } finally {
      await plain.close();
    }
  });

  it('refuses to start an app with a route that declares no access policy', async () => {
    await expect(
      startTestApp({
        extraRoutes: (app: App) =>
          route(app, {
            method: 'GET',
            url: '/api/oops',
            audit: 'none',
            schema: {},
            handler: async () => ({}),
          } as unknown as Parameters<typeof route>[1]),
      }),
    ).rejects.toThrow(RouteDeclarationError);
  });

  it('refuses a route registered around the helper', async () => {
    await expect(
      startTestApp({ extraRoutes: (app: App) => void app.get('/api/sneaky', async () => ({})) }),
    ).rejects.toThrow(/without an access policy/);
  });

  it('refuses a route without an audit declaration', async () => {
    await expect(
      startTestApp({
        extraRoutes: (app: App) =>
          route(app, {
            method: 'GET',
            url: '/api/oops',
            access: publicAccess,
            schema: {},
            handler: async () => ({}),
          } as unknown as Parameters<typeof route>[1]),
      }),
    ).rejects.toThrow(/no audit action/);
  });

  it('refuses a body schema that would let unknown fields through', async () => {
    await expect(
      startTestApp({
        extraRoutes: (app: App) =>
          route(app, {
            method: 'POST',
            url: '/api/loose',
            access: publicAccess,
            audit: 'none',
            schema: { body: z.object({ a: z.string() }) },
            handler: async () => ({}),
          }),
      }),
    ).rejects.toThrow(/strictObject/);
  });
});

describe('the route helper writes the audit trail', () => {
  it('records a success with the record touched, the request id and the source address', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/notes',
      payload: { patientName: 'Audit Probe', age: 30 },
      remoteAddress: '198.51.100.7',
    });
    expect(res.statusCode).toBe(201);
    const [event] = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(event).toMatchObject({
      action: 'test.note.create',
      resource_type: 'note',
      resource_id: res.json().id,
      outcome: 'success',
      actor_type: 'anonymous',
      source_ip: '198.51.100.7',
    });
    expect(JSON.stringify(event)).not.toContain('Audit Probe');
  });

  it('records a refused request as denied', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: '/api/test/notes' });
    expect(res.statusCode).toBe(403);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events).toMatchObject([{ action: 'test.note.purge', outcome: 'denied' }]);
  });

  it('records a rejected request as failed', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/notes',
      payload: { age: -1 },
    });
    expect(res.statusCode).toBe(400);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events).toMatchObject([{ action: 'test.note.create', outcome: 'failed' }]);
  });

  it('writes nothing for routes declared without PHI', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/organizations' });
    expect(res.statusCode).toBe(200);
    expect(await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) })).toEqual(
      [],
    );
  });
});
