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
// The access policies as the registry prints them, each named once.
const admins = 'workforce(admin)';
const managers = 'workforce(manager,admin)';
const officers = 'workforce(compliance_officer)';
const scheduling = 'workforce(front_desk,clinician,manager,admin)';
const booker = `patientOrGuest | ${scheduling}`;
const careTeam = 'patient | workforce(front_desk,clinician)';
const consenting = 'patient | workforce(front_desk,clinician,admin)';
const intakeFillers = 'patientOrGuest | workforce(front_desk)';
/** A directory setup route: managers and admins, audited as `directory.<action>`. */
const setup = (method: string, path: string, action: string) => [
  method,
  `/api/organizations/:slug/${path}`,
  managers,
  `directory.${action}`,
];

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
  ['GET', '/api/admin/accounts', admins, 'identity.account.list'],
  ['GET', '/api/admin/invitations', admins, 'identity.invitation.list'],
  ['POST', '/api/admin/invitations', admins, 'identity.account.invite'],
  ['PUT', '/api/admin/accounts/:id/roles', admins, 'identity.account.roles_change'],
  ['POST', '/api/admin/accounts/:id/disable', admins, 'identity.account.disable'],
  ['POST', '/api/admin/accounts/:id/enable', admins, 'identity.account.enable'],
  ['DELETE', '/api/admin/accounts/:id/sessions', admins, 'identity.session.revoke'],
  ['GET', '/api/admin/session-policy', admins, 'identity.session_policy.read'],
  ['PUT', '/api/admin/session-policy', admins, 'identity.session_policy.change'],
  ['GET', '/api/dev/outbox', 'public', 'none'],
  ['GET', '/api/organizations/:slug/providers', 'public', 'none'],
  ['GET', '/api/organizations/:slug/appointment-types', 'public', 'none'],
  setup('POST', 'providers', 'provider.create'),
  setup('POST', 'resources', 'resource.create'),
  setup('POST', 'appointment-types', 'appointment_type.create'),
  setup('POST', 'working-hours', 'working_hours.create'),
  setup('POST', 'date-overrides', 'date_override.create'),
  setup('POST', 'time-off', 'time_off.create'),
  setup('POST', 'holidays', 'holiday.create'),
  setup('PUT', 'providers/:id', 'provider.update'),
  setup('PUT', 'appointment-types/:id', 'appointment_type.update'),
  setup('DELETE', 'working-hours/:id', 'working_hours.delete'),
  setup('DELETE', 'date-overrides/:id', 'date_overrides.delete'),
  setup('DELETE', 'time-off/:id', 'time_off.delete'),
  ['GET', '/api/availability', 'public', 'none'],
  // What the console's setup pages edit: rooms and working-time rules not yet past.
  setup('GET', 'setup-rules', 'rules.read'),
  // The same slots grouped for the portal: public, no PHI.
  ['GET', '/api/availability/compact', 'public', 'none'],
  // The clinic's "What do you need?" guide: public data; managers and admins replace it.
  ['GET', '/api/organizations/:slug/visit-guide', 'public', 'none'],
  setup('PUT', 'visit-guide', 'visit_guide.update'),
  // The patient portal: the signed-in patient's own list and eligibility; the calendar file as
  // whoever may view the appointment.
  ['GET', '/api/me/appointments', 'patient', 'booking.list'],
  ['GET', '/api/me/eligibility', 'patient', 'booking.eligibility.read'],
  ['GET', '/api/appointments/:id/calendar.ics', booker, 'booking.calendar.read'],
  ['POST', '/api/appointments', booker, 'booking.request.hold'],
  ['GET', '/api/appointments/:id', booker, 'booking.view'],
  ['POST', '/api/appointments/:id/confirm', booker, 'booking.request.confirm'],
  ['POST', '/api/appointments/:id/check-in', booker, 'booking.request.checkIn'],
  ['POST', '/api/appointments/:id/no-show', scheduling, 'booking.request.noShow'],
  ['POST', '/api/appointments/:id/complete', scheduling, 'booking.request.complete'],
  ['POST', '/api/appointments/:id/cancel', booker, 'booking.request.cancel'],
  ['POST', '/api/appointments/:id/reschedule', booker, 'booking.request.reschedule'],
  // Notifications: the patient's inbox, staff's log of an appointment's messages, managers'
  // plan and templates.
  ['GET', '/api/me/messages', 'patient', 'notification.inbox.read'],
  ['GET', '/api/me/messages/unread', 'patient', 'none'],
  ['POST', '/api/me/messages/:id/read', 'patient', 'notification.inbox.mark_read'],
  ['GET', '/api/appointments/:id/messages', scheduling, 'notification.log.read'],
  ['GET', '/api/notification-messages/attention', scheduling, 'notification.attention.list'],
  ['POST', '/api/notification-messages/:id/overrides', scheduling, 'notification.override.request'],
  ['PUT', '/api/notifications/plan', managers, 'notification.plan.update'],
  // An action link's page: the message alone for anyone holding the link; acting needs the patient.
  ['POST', '/api/notification-actions/preview', 'public', 'notification.action.preview'],
  ['POST', '/api/notification-actions/use', 'patientOrGuest', 'notification.action.use'],
  // The vendor/BAA register: admins and compliance officers.
  [
    'GET',
    '/api/notifications/vendors',
    'workforce(admin,compliance_officer)',
    'notification.vendor.list',
  ],
  [
    'PUT',
    '/api/notifications/vendors/:vendor/agreement',
    'workforce(admin,compliance_officer)',
    'notification.vendor.record',
  ],
  // The SMS vendor's webhooks (form-encoded): public, refused inside unless signed by the vendor.
  ['POST', '/api/webhooks/sms/status', 'public', 'notification.sms.status'],
  ['POST', '/api/webhooks/sms/inbound', 'public', 'notification.sms.inbound'],
  [
    'PUT',
    '/api/notifications/templates/:kind/:channel/:language',
    managers,
    'notification.template.update',
  ],
  ['POST', '/api/patients', 'workforce(front_desk,clinician)', 'patient.register'],
  ['POST', '/api/patients/lookup', 'workforce(front_desk,clinician)', 'patient.lookup'],
  [
    'POST',
    '/api/patients/search',
    'workforce(front_desk,clinician,compliance_officer)',
    'patient.search',
  ],
  // Each report, and its CSV export.
  ...['utilization', 'lead-time', 'attendance'].flatMap((r) => [
    ['GET', `/api/reports/${r}`, managers, 'report.read'],
    ['GET', `/api/reports/${r}/export`, managers, 'report.export'],
  ]),
  [
    'GET',
    '/api/patients/summary',
    'workforce(manager,admin,compliance_officer)',
    'patient.summary',
  ],
  ['GET', '/api/patients/:patientId', careTeam, 'patient.read'],
  ['POST', '/api/patients/:patientId/reveal', careTeam, 'patient.identifier.reveal'],
  [
    'POST',
    '/api/patients/:patientId/emergency-access',
    'workforce(clinician)',
    'patient.break_glass',
  ],
  ['GET', '/api/patients/:patientId/preferences', careTeam, 'patient.preferences.read'],
  ['PUT', '/api/patients/:patientId/preferences', careTeam, 'patient.preferences.update'],
  ['GET', '/api/patients/:patientId/consents', consenting, 'patient.consent.list'],
  ['POST', '/api/patients/:patientId/proxies', consenting, 'patient.consent.grant'],
  ['POST', '/api/patients/:patientId/guardians', consenting, 'patient.consent.guardian'],
  [
    'POST',
    '/api/patients/:patientId/consents/:consentId/revoke',
    consenting,
    'patient.consent.revoke',
  ],
  ['GET', '/api/me/record', 'patient', 'patient.export'],
  ['GET', '/api/me/dependants', 'patient', 'patient.dependants.list'],
  ['POST', '/api/intake/forms/:appointmentType', admins, 'intake.form.define'],
  ['GET', '/api/organizations/:organizationId/intake-forms/:appointmentType', 'public', 'none'],
  ['GET', '/api/patients/:patientId/intake/:formId/draft', intakeFillers, 'intake.draft.read'],
  ['PUT', '/api/patients/:patientId/intake/:formId/draft', intakeFillers, 'intake.draft.save'],
  ['POST', '/api/patients/:patientId/intake/:formId/submissions', intakeFillers, 'intake.submit'],
  ['GET', '/api/patients/:patientId/intake', careTeam, 'intake.read'],
  [
    'POST',
    '/api/patients/:patientId/documents',
    'patient | workforce(front_desk)',
    'intake.document.upload',
  ],
  ['GET', '/api/patients/:patientId/documents', careTeam, 'intake.document.list'],
  ['GET', '/api/patients/:patientId/documents/:documentId', careTeam, 'intake.document.download'],
  ['GET', '/api/audit/events', officers, 'audit.search.request'],
  ['GET', '/api/audit/export', officers, 'audit.export.request'],
  ['GET', '/api/audit/patients/:patientId/disclosures', officers, 'audit.accounting.request'],
  ['GET', '/api/audit/alerts', officers, 'audit.alerts.read'],
  ['GET', '/api/audit/alerts/:alertId', officers, 'audit.alert.read'],
  ['POST', '/api/audit/alert-rules', officers, 'audit.alert_rule.create.request'],
  ['GET', '/api/audit/alert-rules', officers, 'audit.alert_rules.read'],
  ['PATCH', '/api/audit/alert-rules/:ruleId', officers, 'audit.alert_rule.update'],
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
  ['GET', '/api/locations/:locationId/resources', 'workforce(front_desk,clinician)', 'none'],
  ['GET', '/api/locations/:locationId/schedule/counts', scheduling, 'booking.schedule.counts'],
  ['GET', '/api/admin/visit-policy', managers, 'booking.visit_policy.read'],
  ['PUT', '/api/admin/visit-policy', managers, 'booking.visit_policy.update'],
  ['GET', '/api/admin/overbook-policies', managers, 'booking.overbook_policy.read'],
  ['PUT', '/api/admin/overbook-policies', managers, 'booking.overbook_policy.update'],
  [
    'DELETE',
    '/api/admin/overbook-policies/:providerId',
    managers,
    'booking.overbook_policy.delete',
  ],
  ['GET', '/api/overbook/allowance', scheduling, 'none'],
  [
    'GET',
    '/api/locations/:locationId/no-show-risk',
    'workforce(front_desk,clinician)',
    'booking.no_show_risk.read',
  ],
  [
    'GET',
    '/api/locations/:locationId/overbook-suggestions',
    'workforce(front_desk,clinician)',
    'booking.overbook_suggestions.read',
  ],
  ['POST', '/api/series/preview', scheduling, 'booking.series.preview'],
  ['POST', '/api/series', scheduling, 'booking.series.create'],
  ['GET', '/api/series/:id', scheduling, 'booking.series.read'],
  ['POST', '/api/series/:id/following', scheduling, 'booking.series.split'],
  ['GET', '/api/audit/verification', officers, 'audit.verification.read'],
  ['POST', '/api/audit/verification', officers, 'audit.verification.request'],
  // The waitlist: patients join and answer offers, staff keep the list, managers its settings.
  ['POST', '/api/waitlist', `patient | ${scheduling}`, 'waitlist.join'],
  ['GET', '/api/me/waitlist', 'patient', 'waitlist.list'],
  ['GET', '/api/waitlist', scheduling, 'waitlist.list'],
  ['PUT', '/api/waitlist/:entryId/priority', scheduling, 'waitlist.priority'],
  ['POST', '/api/waitlist/:entryId/withdraw', `patient | ${scheduling}`, 'waitlist.withdraw'],
  ['POST', '/api/waitlist/offers/open', 'patient', 'waitlist.offer.open'],
  ['POST', '/api/waitlist/offers/:offerId/accept', 'patient', 'waitlist.offer.accept'],
  ['POST', '/api/waitlist/offers/:offerId/decline', 'patient', 'waitlist.offer.decline'],
  ['GET', '/api/admin/waitlist-settings', managers, 'waitlist.settings.read'],
  ['PUT', '/api/admin/waitlist-settings', managers, 'waitlist.settings.update'],
  ['GET', '/api/reports/waitlist', managers, 'report.read'],
  ['GET', '/assets/*', 'public', 'none'],
  ['GET', '/*', 'public', 'none'],
  setup('POST', 'locations', 'location.create'),
  setup('PUT', 'locations/:id', 'location.update'),
  setup('PUT', 'resources/:id', 'resource.update'),
  setup('DELETE', 'holidays/:date', 'holiday.delete'),
  setup('DELETE', 'resources/:id', 'resource.delete'),
  ['GET', '/api/availability/explain', scheduling, 'none'],
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
  ['PUT', '/fhir/Appointment/:id', `${booker} | integration`, 'fhir.appointment.cancel'],
  ['GET', '/fhir/Appointment', `patient | ${scheduling} | integration`, 'fhir.appointment.search'],
  [
    'POST',
    '/fhir/Appointment/_search',
    `patient | ${scheduling} | integration`,
    'fhir.appointment.search',
  ],
  ['GET', '/fhir/.well-known/smart-configuration', 'public', 'none'],
  ['POST', '/fhir/auth/token', 'public', 'fhir.token.issue'],
  ['POST', '/api/admin/fhir-clients', admins, 'fhir.client.register'],
  ['GET', '/fhir/$bulk-publish', 'public', 'none'],
  ['GET', '/fhir/$bulk-publish/:file', 'public', 'none'],
  ['GET', '/fhir/Appointment/$find', 'public', 'none'],
  ['POST', '/fhir/Appointment/$find', 'public', 'none'],
  ['POST', '/fhir/Appointment/$hold', `${booker} | integration`, 'fhir.appointment.hold'],
  ['POST', '/fhir/Appointment/$book', `${booker} | integration`, 'fhir.appointment.book'],
  ['GET', '/fhir/Appointment/:id', `${booker} | integration`, 'fhir.appointment.read'],
  ['GET', '/api/notifications/plan', managers, 'notification.plan.read'],
  ['POST', '/api/notification-actions/code', 'public', 'identity.action_link.code'],
  ['POST', '/api/notification-actions/verify', 'public', 'identity.action_link.verify'],
  ['GET', '/fhir/*', 'public', 'none'],
  ['POST', '/fhir/*', 'public', 'none'],
  ['PUT', '/fhir/*', 'public', 'none'],
  ['PATCH', '/fhir/*', 'public', 'none'],
  ['DELETE', '/fhir/*', 'public', 'none'],
  ['GET', '/api/auth/session/state', 'public', 'none'],
  ['POST', '/api/me/caregiver-invitations/accept', 'patient', 'patient.consent.accept'],
  // Web Push: the public key for the portal; a patient's own browsers.
  ['GET', '/api/push/vapid-public-key', 'public', 'none'],
  ['GET', '/api/me/push-subscriptions', 'patient', 'notification.push.list'],
  ['POST', '/api/me/push-subscriptions', 'patient', 'notification.push.subscribe'],
  ['DELETE', '/api/me/push-subscriptions/:id', 'patient', 'notification.push.unsubscribe'],
  ['PATCH', '/fhir/Appointment/:id', `${booker} | integration`, 'fhir.appointment.cancel'],
  ['POST', '/fhir/Patient/_search', 'signedIn | integration', 'fhir.patient.search'],
  ['POST', '/fhir/Patient/$match', 'integration', 'fhir.patient.match'],
  ['POST', '/fhir/Patient', 'signedIn | integration', 'fhir.patient.create'],
  ['GET', '/fhir/Patient/:id', 'signedIn | integration', 'fhir.patient.read'],
];

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ extraRoutes: fixtureRoutes });
  await createFixtureTables(h.db);
});
afterAll(() => h.close());

/** The audit events of one answered request. */
const eventsOf = (res: { headers: Record<string, unknown> }) =>
  listAuditEvents(h.db, { requestId: String(res.headers['x-request-id']) });

/** An app with one more route, declared as given (the registry may refuse it). */
const startWithRoute = (declaration: object) =>
  startTestApp({
    extraRoutes: (app: App) => route(app, declaration as Parameters<typeof route>[1]),
  });

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
      startWithRoute({
        method: 'GET',
        url: '/api/oops',
        audit: 'none',
        schema: {},
        handler: async () => ({}),
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
      startWithRoute({
        method: 'GET',
        url: '/api/oops',
        access: publicAccess,
        schema: {},
        handler: async () => ({}),
      }),
    ).rejects.toThrow(/no audit action/);
  });

  it('refuses a body schema that would let unknown fields through', async () => {
    await expect(
      startWithRoute({
        method: 'POST',
        url: '/api/loose',
        access: publicAccess,
        audit: 'none',
        schema: { body: z.object({ a: z.string() }) },
        handler: async () => ({}),
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
    const [event] = await eventsOf(res);
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
    const events = await eventsOf(res);
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
    const after = await eventsOf(failed);
    expect(after).toMatchObject([{ action: 'test.note.update.request', outcome: 'failed' }]);
  });

  it('records a refused request as denied', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: '/api/test/notes' });
    expect(res.statusCode).toBe(401);
    const events = await eventsOf(res);
    expect(events).toMatchObject([{ action: 'test.note.purge', outcome: 'denied' }]);
  });

  it('records a rejected request as failed', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/test/notes',
      payload: { age: -1 },
    });
    expect(res.statusCode).toBe(400);
    const events = await eventsOf(res);
    expect(events).toMatchObject([{ action: 'test.note.create', outcome: 'failed' }]);
  });

  it('writes nothing for routes declared without PHI', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/organizations' });
    expect(res.statusCode).toBe(200);
    expect(await eventsOf(res)).toEqual([]);
  });
});
