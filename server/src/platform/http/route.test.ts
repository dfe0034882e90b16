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
  ['POST', '/api/auth/sign-in', 'public', 'identity.sign_in'],
  ['POST', '/api/auth/sign-out', 'anySession | guest', 'identity.sign_out'],
  // Reads back only the caller's own session; asked by every page, signed in or not.
  ['GET', '/api/auth/session', 'anySession | guest', 'none'],
  ['POST', '/api/auth/session/extend', 'signedIn | guest', 'identity.session.extend'],
  ['POST', '/api/auth/mfa/email-code', 'anySession', 'identity.mfa.email_code'],
  ['POST', '/api/auth/mfa/verify', 'anySession', 'identity.mfa.verify'],
  ['POST', '/api/auth/mfa/enrollment', 'anySession', 'identity.mfa.enroll_start'],
  ['POST', '/api/auth/mfa/enrollment/confirm', 'anySession', 'identity.mfa.enroll'],
  ['POST', '/api/auth/step-up', 'signedIn', 'identity.step_up'],
  ['POST', '/api/account/password', 'signedIn', 'identity.password.change'],
  ['POST', '/api/account/recovery-codes', 'signedIn', 'identity.mfa.recovery_codes_regenerate'],
  // The caller's own devices, no PHI; ending one (below) is audited.
  ['GET', '/api/account/sessions', 'signedIn', 'none'],
  ['DELETE', '/api/account/sessions/:id', 'signedIn', 'identity.session.revoke'],
  ['POST', '/api/auth/register', 'public', 'identity.account.register'],
  ['POST', '/api/auth/verify-email', 'public', 'identity.account.verify_email'],
  ['POST', '/api/auth/password-reset', 'public', 'identity.password.reset_request'],
  ['POST', '/api/auth/password-reset/complete', 'public', 'identity.password.reset'],
  ['POST', '/api/auth/invitations/accept', 'public', 'identity.account.create'],
  ['GET', '/api/admin/accounts', 'workforce(admin)', 'identity.account.list'],
  ['GET', '/api/admin/invitations', 'workforce(admin)', 'identity.invitation.list'],
  ['POST', '/api/admin/invitations', 'workforce(admin)', 'identity.account.invite'],
  ['PUT', '/api/admin/accounts/:id/roles', 'workforce(admin)', 'identity.account.roles_change'],
  ['POST', '/api/admin/accounts/:id/disable', 'workforce(admin)', 'identity.account.disable'],
  ['POST', '/api/admin/accounts/:id/enable', 'workforce(admin)', 'identity.account.enable'],
  ['DELETE', '/api/admin/accounts/:id/sessions', 'workforce(admin)', 'identity.session.revoke'],
  ['GET', '/api/admin/session-policy', 'workforce(admin)', 'identity.session_policy.read'],
  ['PUT', '/api/admin/session-policy', 'workforce(admin)', 'identity.session_policy.change'],
  ['GET', '/api/dev/outbox', 'public', 'none'],
  ['GET', '/api/organizations/:slug/providers', 'public', 'none'],
  ['GET', '/api/organizations/:slug/appointment-types', 'public', 'none'],
  [
    'POST',
    '/api/organizations/:slug/providers',
    'workforce(manager,admin)',
    'directory.provider.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/resources',
    'workforce(manager,admin)',
    'directory.resource.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/appointment-types',
    'workforce(manager,admin)',
    'directory.appointment_type.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/working-hours',
    'workforce(manager,admin)',
    'directory.working_hours.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/date-overrides',
    'workforce(manager,admin)',
    'directory.date_override.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/time-off',
    'workforce(manager,admin)',
    'directory.time_off.create',
  ],
  [
    'POST',
    '/api/organizations/:slug/holidays',
    'workforce(manager,admin)',
    'directory.holiday.create',
  ],
  [
    'PUT',
    '/api/organizations/:slug/providers/:id',
    'workforce(manager,admin)',
    'directory.provider.update',
  ],
  [
    'PUT',
    '/api/organizations/:slug/appointment-types/:id',
    'workforce(manager,admin)',
    'directory.appointment_type.update',
  ],
  [
    'DELETE',
    '/api/organizations/:slug/working-hours/:id',
    'workforce(manager,admin)',
    'directory.working_hours.delete',
  ],
  [
    'DELETE',
    '/api/organizations/:slug/date-overrides/:id',
    'workforce(manager,admin)',
    'directory.date_overrides.delete',
  ],
  [
    'DELETE',
    '/api/organizations/:slug/time-off/:id',
    'workforce(manager,admin)',
    'directory.time_off.delete',
  ],
  ['GET', '/api/availability', 'public', 'none'],
  // What the console's setup pages edit: rooms and working-time rules not yet past.
  [
    'GET',
    '/api/organizations/:slug/setup-rules',
    'workforce(manager,admin)',
    'directory.rules.read',
  ],
  // The same slots grouped for the portal: public, no PHI.
  ['GET', '/api/availability/compact', 'public', 'none'],
  // The clinic's "What do you need?" guide: public data; managers and admins replace it.
  ['GET', '/api/organizations/:slug/visit-guide', 'public', 'none'],
  [
    'PUT',
    '/api/organizations/:slug/visit-guide',
    'workforce(manager,admin)',
    'directory.visit_guide.update',
  ],
  // The patient portal: the signed-in patient's own list and eligibility; the calendar file as
  // whoever may view the appointment.
  ['GET', '/api/me/appointments', 'patient', 'booking.list'],
  ['GET', '/api/me/eligibility', 'patient', 'booking.eligibility.read'],
  [
    'GET',
    '/api/appointments/:id/calendar.ics',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.calendar.read',
  ],
  [
    'POST',
    '/api/appointments',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.request.hold',
  ],
  [
    'GET',
    '/api/appointments/:id',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.view',
  ],
  [
    'POST',
    '/api/appointments/:id/confirm',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.request.confirm',
  ],
  [
    'POST',
    '/api/appointments/:id/check-in',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.request.checkIn',
  ],
  [
    'POST',
    '/api/appointments/:id/no-show',
    'workforce(front_desk,clinician,manager,admin)',
    'booking.request.noShow',
  ],
  [
    'POST',
    '/api/appointments/:id/complete',
    'workforce(front_desk,clinician,manager,admin)',
    'booking.request.complete',
  ],
  [
    'POST',
    '/api/appointments/:id/cancel',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.request.cancel',
  ],
  [
    'POST',
    '/api/appointments/:id/reschedule',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin)',
    'booking.request.reschedule',
  ],
  ['POST', '/api/patients', 'workforce(front_desk,clinician)', 'patient.register'],
  ['POST', '/api/patients/lookup', 'workforce(front_desk,clinician)', 'patient.lookup'],
  [
    'POST',
    '/api/patients/search',
    'workforce(front_desk,clinician,compliance_officer)',
    'patient.search',
  ],
  ['GET', '/api/reports/utilization', 'workforce(manager,admin)', 'report.read'],
  ['GET', '/api/reports/utilization/export', 'workforce(manager,admin)', 'report.export'],
  ['GET', '/api/reports/lead-time', 'workforce(manager,admin)', 'report.read'],
  ['GET', '/api/reports/lead-time/export', 'workforce(manager,admin)', 'report.export'],
  ['GET', '/api/reports/attendance', 'workforce(manager,admin)', 'report.read'],
  ['GET', '/api/reports/attendance/export', 'workforce(manager,admin)', 'report.export'],
  [
    'GET',
    '/api/patients/summary',
    'workforce(manager,admin,compliance_officer)',
    'patient.summary',
  ],
  ['GET', '/api/patients/:patientId', 'patient | workforce(front_desk,clinician)', 'patient.read'],
  [
    'POST',
    '/api/patients/:patientId/reveal',
    'patient | workforce(front_desk,clinician)',
    'patient.identifier.reveal',
  ],
  [
    'POST',
    '/api/patients/:patientId/emergency-access',
    'workforce(clinician)',
    'patient.break_glass',
  ],
  [
    'GET',
    '/api/patients/:patientId/preferences',
    'patient | workforce(front_desk,clinician)',
    'patient.preferences.read',
  ],
  [
    'PUT',
    '/api/patients/:patientId/preferences',
    'patient | workforce(front_desk,clinician)',
    'patient.preferences.update',
  ],
  [
    'GET',
    '/api/patients/:patientId/consents',
    'patient | workforce(front_desk,clinician,admin)',
    'patient.consent.list',
  ],
  [
    'POST',
    '/api/patients/:patientId/proxies',
    'patient | workforce(front_desk,clinician,admin)',
    'patient.consent.grant',
  ],
  [
    'POST',
    '/api/patients/:patientId/guardians',
    'patient | workforce(front_desk,clinician,admin)',
    'patient.consent.guardian',
  ],
  [
    'POST',
    '/api/patients/:patientId/consents/:consentId/revoke',
    'patient | workforce(front_desk,clinician,admin)',
    'patient.consent.revoke',
  ],
  ['GET', '/api/me/record', 'patient', 'patient.export'],
  ['GET', '/api/me/dependants', 'patient', 'patient.dependants.list'],
  ['POST', '/api/intake/forms/:appointmentType', 'workforce(admin)', 'intake.form.define'],
  ['GET', '/api/organizations/:organizationId/intake-forms/:appointmentType', 'public', 'none'],
  [
    'GET',
    '/api/patients/:patientId/intake/:formId/draft',
    'patientOrGuest | workforce(front_desk)',
    'intake.draft.read',
  ],
  [
    'PUT',
    '/api/patients/:patientId/intake/:formId/draft',
    'patientOrGuest | workforce(front_desk)',
    'intake.draft.save',
  ],
  [
    'POST',
    '/api/patients/:patientId/intake/:formId/submissions',
    'patientOrGuest | workforce(front_desk)',
    'intake.submit',
  ],
  [
    'GET',
    '/api/patients/:patientId/intake',
    'patient | workforce(front_desk,clinician)',
    'intake.read',
  ],
  [
    'POST',
    '/api/patients/:patientId/documents',
    'patient | workforce(front_desk)',
    'intake.document.upload',
  ],
  [
    'GET',
    '/api/patients/:patientId/documents',
    'patient | workforce(front_desk,clinician)',
    'intake.document.list',
  ],
  [
    'GET',
    '/api/patients/:patientId/documents/:documentId',
    'patient | workforce(front_desk,clinician)',
    'intake.document.download',
  ],
  ['GET', '/api/audit/events', 'workforce(compliance_officer)', 'audit.search.request'],
  ['GET', '/api/audit/export', 'workforce(compliance_officer)', 'audit.export.request'],
  [
    'GET',
    '/api/audit/patients/:patientId/disclosures',
    'workforce(compliance_officer)',
    'audit.accounting.request',
  ],
  ['GET', '/api/audit/alerts', 'workforce(compliance_officer)', 'audit.alerts.read'],
  ['GET', '/api/audit/alerts/:alertId', 'workforce(compliance_officer)', 'audit.alert.read'],
  [
    'POST',
    '/api/audit/alert-rules',
    'workforce(compliance_officer)',
    'audit.alert_rule.create.request',
  ],
  ['GET', '/api/audit/alert-rules', 'workforce(compliance_officer)', 'audit.alert_rules.read'],
  [
    'PATCH',
    '/api/audit/alert-rules/:ruleId',
    'workforce(compliance_officer)',
    'audit.alert_rule.update',
  ],
  // Guest booking and visit links: a code emailed to the address given (or on file).
  ['POST', '/api/guest/start', 'public', 'identity.guest.start'],
  ['POST', '/api/guest/verify', 'public', 'identity.guest.verify'],
  ['POST', '/api/visit-links/code', 'public', 'identity.visit_link.code'],
  ['POST', '/api/visit-links/verify', 'public', 'identity.visit_link.verify'],
  // The staff console: the schedule with names (front desk, clinicians: their own), its counts,
  // the organization's visit windows, and the state of audit verification.
  [
    'GET',
    '/api/locations/:locationId/schedule',
    'workforce(front_desk,clinician)',
    'booking.schedule.read',
  ],
  [
    'GET',
    '/api/locations/:locationId/schedule/counts',
    'workforce(front_desk,clinician,manager,admin)',
    'booking.schedule.counts',
  ],
  ['GET', '/api/admin/visit-policy', 'workforce(manager,admin)', 'booking.visit_policy.read'],
  ['PUT', '/api/admin/visit-policy', 'workforce(manager,admin)', 'booking.visit_policy.update'],
  ['GET', '/api/audit/verification', 'workforce(compliance_officer)', 'audit.verification.read'],
  [
    'POST',
    '/api/audit/verification',
    'workforce(compliance_officer)',
    'audit.verification.request',
  ],
  ['GET', '/assets/*', 'public', 'none'],
  ['GET', '/*', 'public', 'none'],
  [
    'POST',
    '/api/organizations/:slug/locations',
    'workforce(manager,admin)',
    'directory.location.create',
  ],
  [
    'PUT',
    '/api/organizations/:slug/locations/:id',
    'workforce(manager,admin)',
    'directory.location.update',
  ],
  [
    'PUT',
    '/api/organizations/:slug/resources/:id',
    'workforce(manager,admin)',
    'directory.resource.update',
  ],
  [
    'DELETE',
    '/api/organizations/:slug/holidays/:date',
    'workforce(manager,admin)',
    'directory.holiday.delete',
  ],
  [
    'DELETE',
    '/api/organizations/:slug/resources/:id',
    'workforce(manager,admin)',
    'directory.resource.delete',
  ],
  ['GET', '/api/availability/explain', 'workforce(front_desk,clinician,manager,admin)', 'none'],
  ['GET', '/fhir/metadata', 'public', 'none'],
  ['GET', '/fhir/Organization', 'public', 'none'],
  ['GET', '/fhir/Organization/:id', 'public', 'none'],
  ['GET', '/fhir/Location', 'public', 'none'],
  ['GET', '/fhir/Location/:id', 'public', 'none'],
  ['GET', '/fhir/Practitioner', 'public', 'none'],
  ['GET', '/fhir/Practitioner/:id', 'public', 'none'],
  ['GET', '/fhir/PractitionerRole', 'public', 'none'],
  ['GET', '/fhir/PractitionerRole/:id', 'public', 'none'],
  ['GET', '/fhir/HealthcareService', 'public', 'none'],
  ['GET', '/fhir/HealthcareService/:id', 'public', 'none'],
  ['GET', '/fhir/Schedule', 'public', 'none'],
  ['GET', '/fhir/Schedule/:id', 'public', 'none'],
  ['GET', '/fhir/Slot', 'public', 'none'],
  [
    'PUT',
    '/fhir/Appointment/:id',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.cancel',
  ],
  [
    'GET',
    '/fhir/Appointment',
    'patient | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.search',
  ],
  [
    'POST',
    '/fhir/Appointment/_search',
    'patient | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.search',
  ],
  ['GET', '/fhir/.well-known/smart-configuration', 'public', 'none'],
  ['POST', '/fhir/auth/token', 'public', 'fhir.token.issue'],
  ['POST', '/api/admin/fhir-clients', 'workforce(admin)', 'fhir.client.register'],
  ['GET', '/fhir/$bulk-publish', 'public', 'none'],
  ['GET', '/fhir/$bulk-publish/:file', 'public', 'none'],
  ['GET', '/fhir/Appointment/$find', 'public', 'none'],
  ['POST', '/fhir/Appointment/$find', 'public', 'none'],
  [
    'POST',
    '/fhir/Appointment/$hold',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.hold',
  ],
  [
    'POST',
    '/fhir/Appointment/$book',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.book',
  ],
  [
    'GET',
    '/fhir/Appointment/:id',
    'patientOrGuest | workforce(front_desk,clinician,manager,admin) | integration',
    'fhir.appointment.read',
  ],
  ['GET', '/fhir/*', 'public', 'none'],
  ['POST', '/fhir/*', 'public', 'none'],
  ['PUT', '/fhir/*', 'public', 'none'],
  ['PATCH', '/fhir/*', 'public', 'none'],
  ['DELETE', '/fhir/*', 'public', 'none'],
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

  it("leaves one event when the route's service recorded the change: the service's, stamped with the request", async () => {
    const note = await h.app.inject({
      method: 'POST',
      url: '/api/test/notes',
      payload: { patientName: 'Audit Probe', age: 30 },
    });
    const url = `/api/test/notes/${note.json().id}`;
    const res = await h.app.inject({
      method: 'PUT',
      url,
      payload: { age: 31, failAfter: false },
      remoteAddress: '198.51.100.8',
      headers: { 'user-agent': 'Probe/1.0' },
    });
    expect(res.statusCode).toBe(204);
    const events = await listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });
    expect(events).toMatchObject([
      { action: 'test.note.update', outcome: 'success', source_ip: '198.51.100.8' },
    ]);
    expect(events[0]!.user_agent_digest).toMatch(/^[0-9a-f]{32}$/);

    // The change fails after its event was written: the transaction takes the event with it,
    // and the route records the failure.
    const failed = await h.app.inject({
      method: 'PUT',
      url,
      payload: { age: 32, failAfter: true },
    });
    expect(failed.statusCode).toBe(409);
    const after = await listAuditEvents(h.db, {
      requestId: String(failed.headers['x-request-id']),
    });
    expect(after).toMatchObject([{ action: 'test.note.update.request', outcome: 'failed' }]);
  });

  it('records a refused request as denied', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: '/api/test/notes' });
    expect(res.statusCode).toBe(401);
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
