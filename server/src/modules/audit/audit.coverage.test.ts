import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { driveAndCollect, patientNo } from './audit.testkit.ts';

// Audit coverage: every route in the registry is driven once, and must leave exactly the events
// it declares — one event with its audit action (and the right outcome) for a route that touches
// PHI or acts on accounts (sign-in, MFA, administration: refused requests included), none for a
// route declared 'none'. A new route without a sample request here fails the test:
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
  'GET /api/audit/alerts/:alertId': `/api/audit/alerts/${patientNo(2)}`,
  'POST /api/audit/alert-rules': {
    url: '/api/audit/alert-rules',
    payload: { rule: { kind: 'break_glass' } },
  },
  'GET /api/audit/alert-rules': '/api/audit/alert-rules',
  'PATCH /api/audit/alert-rules/:ruleId': {
    url: `/api/audit/alert-rules/${patientNo(3)}`,
    payload: { enabled: false },
  },
  'GET /api/audit/patients/:patientId/disclosures': `/api/audit/patients/${patientNo(1)}/disclosures?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
  'POST /api/auth/sign-in': { url: '/api/auth/sign-in', payload: {} },
  'POST /api/auth/sign-out': { url: '/api/auth/sign-out', payload: {} },
  'GET /api/auth/session': '/api/auth/session',
  'POST /api/auth/session/extend': { url: '/api/auth/session/extend', payload: {} },
  'POST /api/auth/mfa/email-code': { url: '/api/auth/mfa/email-code', payload: {} },
  'POST /api/guest/start': { url: '/api/guest/start', payload: {} },
  'POST /api/guest/verify': { url: '/api/guest/verify', payload: {} },
  'POST /api/visit-links/code': { url: '/api/visit-links/code', payload: {} },
  'POST /api/visit-links/verify': { url: '/api/visit-links/verify', payload: {} },
  'POST /api/auth/mfa/verify': { url: '/api/auth/mfa/verify', payload: {} },
  'POST /api/auth/mfa/enrollment': { url: '/api/auth/mfa/enrollment', payload: {} },
  'POST /api/auth/mfa/enrollment/confirm': { url: '/api/auth/mfa/enrollment/confirm', payload: {} },
  'POST /api/auth/step-up': { url: '/api/auth/step-up', payload: {} },
  'POST /api/account/password': { url: '/api/account/password', payload: {} },
  'POST /api/account/recovery-codes': { url: '/api/account/recovery-codes', payload: {} },
  'GET /api/account/sessions': '/api/account/sessions',
  'DELETE /api/account/sessions/:id': '/api/account/sessions/00000000-0000-4000-8000-00000000c0ff',
  'POST /api/auth/register': { url: '/api/auth/register', payload: {} },
  'POST /api/auth/verify-email': { url: '/api/auth/verify-email', payload: {} },
  'POST /api/auth/password-reset': { url: '/api/auth/password-reset', payload: {} },
  'POST /api/auth/password-reset/complete': {
    url: '/api/auth/password-reset/complete',
    payload: {},
  },
  'POST /api/auth/invitations/accept': { url: '/api/auth/invitations/accept', payload: {} },
  'GET /api/admin/accounts': '/api/admin/accounts',
  'GET /api/admin/invitations': '/api/admin/invitations',
  'POST /api/admin/invitations': { url: '/api/admin/invitations', payload: {} },
  'PUT /api/admin/accounts/:id/roles': {
    url: '/api/admin/accounts/00000000-0000-4000-8000-00000000c0ff/roles',
    payload: {},
  },
  'POST /api/admin/accounts/:id/disable': {
    url: '/api/admin/accounts/00000000-0000-4000-8000-00000000c0ff/disable',
    payload: {},
  },
  'POST /api/admin/accounts/:id/enable': {
    url: '/api/admin/accounts/00000000-0000-4000-8000-00000000c0ff/enable',
    payload: {},
  },
  'DELETE /api/admin/accounts/:id/sessions':
    '/api/admin/accounts/00000000-0000-4000-8000-00000000c0ff/sessions',
  'GET /api/admin/session-policy': '/api/admin/session-policy',
  'PUT /api/admin/session-policy': { url: '/api/admin/session-policy', payload: {} },
  'GET /api/dev/outbox': '/api/dev/outbox',
  'GET /api/organizations/:slug/providers': '/api/organizations/demo/providers',
  'GET /api/organizations/:slug/appointment-types': '/api/organizations/demo/appointment-types',
  'GET /fhir/metadata': '/fhir/metadata',
  'GET /fhir/Organization': '/fhir/Organization',
  'GET /fhir/Organization/:id': '/fhir/Organization/no-such-id',
  'GET /fhir/Location': '/fhir/Location',
  'GET /fhir/Location/:id': '/fhir/Location/no-such-id',
  'GET /fhir/Practitioner': '/fhir/Practitioner',
  'GET /fhir/Practitioner/:id': '/fhir/Practitioner/no-such-id',
  'GET /fhir/PractitionerRole': '/fhir/PractitionerRole',
  'GET /fhir/PractitionerRole/:id': '/fhir/PractitionerRole/no-such-id',
  'GET /fhir/HealthcareService': '/fhir/HealthcareService',
  'GET /fhir/HealthcareService/:id': '/fhir/HealthcareService/no-such-id',
  'GET /fhir/Schedule': '/fhir/Schedule',
  'GET /fhir/Schedule/:id': '/fhir/Schedule/no-such-id',
  'GET /fhir/Slot': '/fhir/Slot?_count=1',
  'PUT /fhir/Appointment/:id': {
    url: '/fhir/Appointment/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'GET /fhir/Appointment': '/fhir/Appointment',
  'POST /fhir/Appointment/_search': { url: '/fhir/Appointment/_search', payload: {} },
  'GET /fhir/.well-known/smart-configuration': '/fhir/.well-known/smart-configuration',
  'POST /fhir/auth/token': { url: '/fhir/auth/token', payload: {} },
  'POST /api/admin/fhir-clients': { url: '/api/admin/fhir-clients', payload: {} },
  'GET /fhir/$bulk-publish': '/fhir/$bulk-publish',
  'GET /fhir/$bulk-publish/:file': '/fhir/$bulk-publish/Location.ndjson',
  'GET /fhir/Appointment/$find': '/fhir/Appointment/$find?start=2030-01-01&end=2030-01-02',
  'POST /fhir/Appointment/$find': { url: '/fhir/Appointment/$find', payload: {} },
  'POST /fhir/Appointment/$hold': { url: '/fhir/Appointment/$hold', payload: {} },
  'POST /fhir/Appointment/$book': { url: '/fhir/Appointment/$book', payload: {} },
  'GET /fhir/Appointment/:id': '/fhir/Appointment/00000000-0000-4000-8000-00000000c0ff',
  'GET /fhir/*': '/fhir/Patient',
  'DELETE /fhir/*': '/fhir/Patient',
  'POST /fhir/*': { url: '/fhir/Observation', payload: {} },
  'PUT /fhir/*': { url: '/fhir/Patient', payload: {} },
  'PATCH /fhir/*': { url: '/fhir/Patient', payload: {} },
  'POST /api/organizations/:slug/providers': {
    url: '/api/organizations/demo/providers',
    payload: {},
  },
  'POST /api/organizations/:slug/resources': {
    url: '/api/organizations/demo/resources',
    payload: {},
  },
  'POST /api/organizations/:slug/appointment-types': {
    url: '/api/organizations/demo/appointment-types',
    payload: {},
  },
  'POST /api/organizations/:slug/working-hours': {
    url: '/api/organizations/demo/working-hours',
    payload: {},
  },
  'POST /api/organizations/:slug/date-overrides': {
    url: '/api/organizations/demo/date-overrides',
    payload: {},
  },
  'POST /api/organizations/:slug/time-off': {
    url: '/api/organizations/demo/time-off',
    payload: {},
  },
  'POST /api/organizations/:slug/holidays': {
    url: '/api/organizations/demo/holidays',
    payload: {},
  },
  'PUT /api/organizations/:slug/providers/:id': {
    url: '/api/organizations/demo/providers/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'PUT /api/organizations/:slug/appointment-types/:id': {
    url: '/api/organizations/demo/appointment-types/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'DELETE /api/organizations/:slug/working-hours/:id':
    '/api/organizations/demo/working-hours/00000000-0000-4000-8000-00000000c0ff',
  'DELETE /api/organizations/:slug/date-overrides/:id':
    '/api/organizations/demo/date-overrides/00000000-0000-4000-8000-00000000c0ff',
  'DELETE /api/organizations/:slug/time-off/:id':
    '/api/organizations/demo/time-off/00000000-0000-4000-8000-00000000c0ff',
  'GET /api/availability':
    '/api/availability?appointmentTypeId=00000000-0000-4000-8000-00000000c0ff&from=2030-01-01&to=2030-01-02',
  'GET /api/availability/compact':
    '/api/availability/compact?organization=demo&appointmentTypeId=00000000-0000-4000-8000-00000000c0ff',
  'GET /api/organizations/:slug/setup-rules': '/api/organizations/demo/setup-rules',
  'GET /api/organizations/:slug/visit-guide': '/api/organizations/demo/visit-guide',
  'PUT /api/organizations/:slug/visit-guide': {
    url: '/api/organizations/demo/visit-guide',
    payload: {},
  },
  'GET /api/me/appointments': '/api/me/appointments',
  'GET /api/me/eligibility':
    '/api/me/eligibility?appointmentTypeId=00000000-0000-4000-8000-00000000c0ff',
  'GET /api/me/messages': '/api/me/messages',
  'GET /api/me/messages/unread': '/api/me/messages/unread',
  'POST /api/me/messages/:id/read': {
    url: '/api/me/messages/00000000-0000-4000-8000-00000000c0ff/read',
    payload: {},
  },
  'GET /api/appointments/:id/messages':
    '/api/appointments/00000000-0000-4000-8000-00000000c0ff/messages',
  'GET /api/notification-messages/attention': '/api/notification-messages/attention',
  'PUT /api/notifications/plan': { url: '/api/notifications/plan', payload: {} },
  'POST /api/notification-actions/preview': {
    url: '/api/notification-actions/preview',
    payload: { token: 'x'.repeat(43) },
  },
  'GET /api/notifications/vendors': '/api/notifications/vendors',
  'PUT /api/notifications/vendors/:vendor/agreement': {
    url: '/api/notifications/vendors/sms/agreement',
    payload: {},
  },
  'POST /api/webhooks/sms/status': { url: '/api/webhooks/sms/status', payload: {} },
  'POST /api/webhooks/sms/inbound': { url: '/api/webhooks/sms/inbound', payload: {} },
  'POST /api/notification-actions/use': {
    url: '/api/notification-actions/use',
    payload: { token: 'x'.repeat(43) },
  },
  'POST /api/notification-messages/:id/overrides': {
    url: '/api/notification-messages/00000000-0000-4000-8000-00000000c0ff/overrides',
    payload: { action: 'skip', reason: 'other' },
  },
  'PUT /api/notifications/templates/:kind/:channel/:language': {
    url: '/api/notifications/templates/reminder/email/en',
    payload: { body: 'Hello {{patientName}}' },
  },
  'GET /api/appointments/:id/calendar.ics':
    '/api/appointments/00000000-0000-4000-8000-00000000c0ff/calendar.ics',
  'POST /api/appointments': { url: '/api/appointments', payload: {} },
  'GET /api/appointments/:id': '/api/appointments/00000000-0000-4000-8000-00000000c0ff',
  'POST /api/appointments/:id/confirm': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/confirm',
    payload: {},
  },
  'POST /api/appointments/:id/check-in': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/check-in',
    payload: {},
  },
  'POST /api/appointments/:id/no-show': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/no-show',
    payload: {},
  },
  'POST /api/appointments/:id/complete': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/complete',
    payload: {},
  },
  'POST /api/appointments/:id/cancel': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/cancel',
    payload: {},
  },
  'POST /api/appointments/:id/reschedule': {
    url: '/api/appointments/00000000-0000-4000-8000-00000000c0ff/reschedule',
    payload: {},
  },
  'POST /api/patients': { url: '/api/patients', payload: {} },
  'POST /api/patients/lookup': { url: '/api/patients/lookup', payload: {} },
  'POST /api/patients/search': { url: '/api/patients/search', payload: {} },
  'GET /api/reports/utilization': '/api/reports/utilization?from=2030-01-01&to=2030-01-31',
  'GET /api/reports/utilization/export':
    '/api/reports/utilization/export?from=2030-01-01&to=2030-01-31',
  'GET /api/reports/lead-time': '/api/reports/lead-time?from=2030-01-01&to=2030-01-31',
  'GET /api/reports/lead-time/export':
    '/api/reports/lead-time/export?from=2030-01-01&to=2030-01-31',
  'GET /api/reports/attendance': '/api/reports/attendance?from=2030-01-01&to=2030-01-31',
  'GET /api/reports/attendance/export':
    '/api/reports/attendance/export?from=2030-01-01&to=2030-01-31',
  'GET /api/patients/summary': '/api/patients/summary',
  'GET /api/patients/:patientId': '/api/patients/00000000-0000-4000-8000-00000000c0ff',
  'POST /api/patients/:patientId/reveal': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/reveal',
    payload: {},
  },
  'POST /api/patients/:patientId/emergency-access': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/emergency-access',
    payload: {},
  },
  'GET /api/patients/:patientId/preferences':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/preferences',
  'PUT /api/patients/:patientId/preferences': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/preferences',
    payload: {},
  },
  'GET /api/patients/:patientId/consents':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/consents',
  'POST /api/patients/:patientId/proxies': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/proxies',
    payload: {},
  },
  'POST /api/patients/:patientId/guardians': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/guardians',
    payload: {},
  },
  'POST /api/patients/:patientId/consents/:consentId/revoke': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/consents/00000000-0000-4000-8000-00000000c0ff/revoke',
    payload: {},
  },
  'GET /api/me/record': '/api/me/record',
  'GET /api/me/dependants': '/api/me/dependants',
  'POST /api/intake/forms/:appointmentType': {
    url: '/api/intake/forms/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'GET /api/organizations/:organizationId/intake-forms/:appointmentType':
    '/api/organizations/00000000-0000-4000-8000-00000000c0ff/intake-forms/00000000-0000-4000-8000-00000000c0ff',
  'GET /api/patients/:patientId/intake/:formId/draft':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/intake/00000000-0000-4000-8000-00000000c0ff/draft',
  'PUT /api/patients/:patientId/intake/:formId/draft': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/intake/00000000-0000-4000-8000-00000000c0ff/draft',
    payload: {},
  },
  'POST /api/patients/:patientId/intake/:formId/submissions': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/intake/00000000-0000-4000-8000-00000000c0ff/submissions',
    payload: {},
  },
  'GET /api/patients/:patientId/intake':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/intake',
  'POST /api/patients/:patientId/documents': {
    url: '/api/patients/00000000-0000-4000-8000-00000000c0ff/documents',
    payload: {},
  },
  'GET /api/patients/:patientId/documents':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/documents',
  'GET /api/patients/:patientId/documents/:documentId':
    '/api/patients/00000000-0000-4000-8000-00000000c0ff/documents/00000000-0000-4000-8000-00000000c0ff',
  'POST /api/organizations/:slug/locations': {
    url: '/api/organizations/demo/locations',
    payload: {},
  },
  'PUT /api/organizations/:slug/locations/:id': {
    url: '/api/organizations/demo/locations/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'PUT /api/organizations/:slug/resources/:id': {
    url: '/api/organizations/demo/resources/00000000-0000-4000-8000-00000000c0ff',
    payload: {},
  },
  'DELETE /api/organizations/:slug/holidays/:date':
    '/api/organizations/demo/holidays/00000000-0000-4000-8000-00000000c0ff',
  'DELETE /api/organizations/:slug/resources/:id':
    '/api/organizations/demo/resources/00000000-0000-4000-8000-00000000c0ff',
  'GET /api/locations/:locationId/resources':
    '/api/locations/00000000-0000-4000-8000-00000000c0ff/resources',
  'GET /api/locations/:locationId/schedule':
    '/api/locations/00000000-0000-4000-8000-00000000c0ff/schedule?from=2030-01-14&to=2030-01-20',
  'GET /api/locations/:locationId/schedule/counts':
    '/api/locations/00000000-0000-4000-8000-00000000c0ff/schedule/counts?from=2030-01-14&to=2030-01-20',
  'GET /api/admin/visit-policy': '/api/admin/visit-policy',
  'PUT /api/admin/visit-policy': { url: '/api/admin/visit-policy', payload: {} },
  'GET /api/admin/overbook-policies': '/api/admin/overbook-policies',
  'PUT /api/admin/overbook-policies': { url: '/api/admin/overbook-policies', payload: {} },
  'DELETE /api/admin/overbook-policies/:providerId':
    '/api/admin/overbook-policies/00000000-0000-4000-8000-00000000c0ff',
  'GET /api/overbook/allowance':
    '/api/overbook/allowance?appointmentTypeId=00000000-0000-4000-8000-00000000c0ff&providerId=00000000-0000-4000-8000-00000000c0ff&locationId=00000000-0000-4000-8000-00000000c0ff&start=2030-01-01T10:00:00Z',
  'GET /api/locations/:locationId/no-show-risk':
    '/api/locations/00000000-0000-4000-8000-00000000c0ff/no-show-risk?date=2030-01-14',
  'GET /api/locations/:locationId/overbook-suggestions':
    '/api/locations/00000000-0000-4000-8000-00000000c0ff/overbook-suggestions?date=2030-01-14',
  'POST /api/series/preview': { url: '/api/series/preview', payload: {} },
  'POST /api/series': { url: '/api/series', payload: {} },
  'GET /api/series/:id': '/api/series/00000000-0000-4000-8000-00000000c0ff',
  'POST /api/series/:id/following': {
    url: '/api/series/00000000-0000-4000-8000-00000000c0ff/following',
    payload: {},
  },
  'GET /api/audit/verification': '/api/audit/verification',
  'POST /api/audit/verification': { url: '/api/audit/verification', payload: {} },
  'POST /api/waitlist': { url: '/api/waitlist', payload: {} },
  'GET /api/me/waitlist': '/api/me/waitlist',
  'GET /api/waitlist': '/api/waitlist',
  'PUT /api/waitlist/:entryId/priority': {
    url: '/api/waitlist/00000000-0000-4000-8000-00000000c0ff/priority',
    payload: { priority: 1 },
  },
  'POST /api/waitlist/:entryId/withdraw': {
    url: '/api/waitlist/00000000-0000-4000-8000-00000000c0ff/withdraw',
    payload: {},
  },
  'POST /api/waitlist/offers/open': { url: '/api/waitlist/offers/open', payload: {} },
  'POST /api/waitlist/offers/:offerId/accept': {
    url: '/api/waitlist/offers/00000000-0000-4000-8000-00000000c0ff/accept',
    payload: {},
  },
  'POST /api/waitlist/offers/:offerId/decline': {
    url: '/api/waitlist/offers/00000000-0000-4000-8000-00000000c0ff/decline',
    payload: {},
  },
  'GET /api/admin/waitlist-settings': '/api/admin/waitlist-settings',
  'PUT /api/admin/waitlist-settings': { url: '/api/admin/waitlist-settings', payload: {} },
  'GET /api/reports/waitlist': '/api/reports/waitlist?from=2030-01-01&to=2030-01-31',
  'GET /api/availability/explain':
    '/api/availability/explain?appointmentTypeId=00000000-0000-4000-8000-00000000c0ff&providerId=00000000-0000-4000-8000-00000000c0ff&locationId=00000000-0000-4000-8000-00000000c0ff&start=2030-01-01T10:00:00Z',
  'GET /api/notifications/plan': '/api/notifications/plan',
  'POST /api/notification-actions/code': { url: '/api/notification-actions/code', payload: {} },
  'POST /api/notification-actions/verify': {
    url: '/api/notification-actions/verify',
    payload: {},
  },
  'GET /api/auth/session/state': '/api/auth/session/state',
  'POST /api/me/caregiver-invitations/accept': {
    url: '/api/me/caregiver-invitations/accept',
    payload: {},
  },
  'GET /api/push/vapid-public-key': '/api/push/vapid-public-key',
  'GET /api/me/push-subscriptions': '/api/me/push-subscriptions',
  'POST /api/me/push-subscriptions': { url: '/api/me/push-subscriptions', payload: {} },
  'DELETE /api/me/push-subscriptions/:id':
    '/api/me/push-subscriptions/00000000-0000-4000-8000-00000000c0ff',
  'PATCH /fhir/Appointment/:id': {
    url: '/fhir/Appointment/00000000-0000-4000-8000-00000000c0ff',
    payload: [],
  },
  'POST /fhir/Patient/_search': { url: '/fhir/Patient/_search', payload: {} },
  'POST /fhir/Patient/$match': { url: '/fhir/Patient/$match', payload: {} },
  'POST /fhir/Patient': { url: '/fhir/Patient', payload: {} },
  'GET /fhir/Patient/:id': '/fhir/Patient/00000000-0000-4000-8000-00000000c0ff',
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
      const outcome = [401, 403, 429].includes(res.statusCode)
        ? 'denied'
        : res.statusCode < 400
          ? 'success'
          : 'failed';
      // One request, one event: refusals included, whoever wrote them.
      expect(
        events.map((e) => [e.action, e.outcome]),
        key,
      ).toEqual([[r.audit, outcome]]);
    }
  });
});
