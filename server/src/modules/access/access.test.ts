import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../audit/audit.store.ts';
import {
  addAccount,
  addOrganization,
  addProvider,
  Client,
  codeIn,
  nextMail,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { anyOf, patient, workforce } from './access.policy.ts';
import { requireOwnPatient } from './access.record.ts';
import { holdRequest, newYorkTime } from '../../../test/clinic.ts';
import {
  book,
  newYorkDate,
  openConsoleClinic,
  registerPatient,
} from '../../../test/console-clinic.ts';

/**
 * Every route × every kind of caller. `allow`: the route's policy lets the caller through (the
 * answer may still be a 4xx for the input); `deny`: refused by policy (401 when nobody is signed in, 403 otherwise) before anything is
 * read; `hidden`: let through, but the record named in the URL is not the caller's (404, exactly
 * like a missing one). A route whose body the probe leaves empty answers 400 to callers it lets
 * through, so it shows `allow` there. A route missing from this table fails the test.
 */
const A = 'allow';
const D = 'deny';
const H = 'hidden';
type Cell = typeof A | typeof D | typeof H;
const callers = [
  'anonymous',
  'front_desk',
  'clinician',
  'manager',
  'admin',
  'compliance_officer',
  'patient',
  'other_org_admin',
  'mfa_owed',
  'guest',
  'email_owed',
] as const;
type Caller = (typeof callers)[number];

// prettier-ignore
const matrix: Record<string, Cell[]> = {
  //                                        anon front clin mgr  admin compl patient other mfa-owed guest email-owed
  'GET /api/openapi.json':                   [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /health/live':                        [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /health/ready':                       [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /api/organizations':                  [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /api/organizations/:slug':            [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /assets/*':                           [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /*':                                  [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /api/dev/outbox':                     [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/sign-in':                  [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/register':                 [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/verify-email':             [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/password-reset':           [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/password-reset/complete':  [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/invitations/accept':       [A,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'GET /api/auth/session':                   [D,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/mfa/verify':               [D,   A,    A,   A,   A,    A,    A,      A,    A, D, A],
  'POST /api/auth/mfa/enrollment':           [D,   A,    A,   A,   A,    A,    A,      A,    A, D, A],
  'POST /api/auth/mfa/enrollment/confirm':   [D,   A,    A,   A,   A,    A,    A,      A,    A, D, A],
  'POST /api/auth/sign-out':                 [D,   A,    A,   A,   A,    A,    A,      A,    A, A, A],
  'POST /api/auth/step-up':                  [D,   A,    A,   A,   A,    A,    A,      A,    D, D, D],
  'POST /api/account/password':              [D,   A,    A,   A,   A,    A,    A,      A,    D, D, D],
  'POST /api/account/recovery-codes':        [D,   A,    A,   A,   A,    A,    A,      A,    D, D, D],
  'GET /api/account/sessions':               [D,   A,    A,   A,   A,    A,    A,      A,    D, D, D],
  'DELETE /api/account/sessions/:id':        [D,   H,    H,   H,   H,    H,    H,      H,    D, D, D],
  'GET /api/admin/accounts':                 [D,   D,    D,   D,   A,    D,    D,      A,    D, D, D],
  'GET /api/admin/invitations':             [D,   D,    D,   D,   A,    D,    D,      A,    D, D, D],
  'POST /api/admin/invitations':             [D,   D,    D,   D,   A,    D,    D,      A,    D, D, D],
  'PUT /api/admin/accounts/:id/roles':       [D,   D,    D,   D,   A,    D,    D,      H,    D, D, D],
  'POST /api/admin/accounts/:id/disable':    [D,   D,    D,   D,   A,    D,    D,      H,    D, D, D],
  'POST /api/admin/accounts/:id/enable':     [D,   D,    D,   D,   A,    D,    D,      H,    D, D, D],
  'DELETE /api/admin/accounts/:id/sessions': [D,   D,    D,   D,   A,    D,    D,      H,    D, D, D],
  'GET /api/admin/session-policy':           [D,   D,    D,   D,   A,    D,    D,      A,    D, D, D],
  'PUT /api/admin/session-policy':           [D,   D,    D,   D,   A,    D,    D,      A,    D, D, D],
  // directory: public reads, manager/admin edits (another organization's look like nothing)
  'GET /api/organizations/:slug/providers':                  [A, A, A, A, A, A, A, A, A, A, A],
  'GET /api/organizations/:slug/appointment-types':          [A, A, A, A, A, A, A, A, A, A, A],
  // FHIR: the public directory and free slots; a read of an id that is not there is a 404
  'GET /fhir/metadata':                                      [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Organization':                                  [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Organization/:id':                              [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/Location':                                      [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Location/:id':                                  [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/Practitioner':                                  [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Practitioner/:id':                              [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/PractitionerRole':                              [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/PractitionerRole/:id':                          [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/HealthcareService':                             [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/HealthcareService/:id':                         [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/Schedule':                                      [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Schedule/:id':                                  [H, H, H, H, H, H, H, H, H, H, H],
  'GET /fhir/Slot':                                          [A, A, A, A, A, A, A, A, A, A, A],
  'PUT /fhir/Appointment/:id':                               [D, A, A, A, A, D, A, A, D, A, D],
  'GET /fhir/Appointment':                                   [D, A, A, A, A, D, A, A, D, D, D],
  'POST /fhir/Appointment/_search':                          [D, A, A, A, A, D, A, A, D, D, D],
  'GET /fhir/.well-known/smart-configuration':               [A, A, A, A, A, A, A, A, A, A, A],
  'POST /fhir/auth/token':                                   [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/admin/fhir-clients':                            [D, D, D, D, A, D, D, A, D, D, D],
  'GET /fhir/$bulk-publish':                                 [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/$bulk-publish/:file':                           [A, A, A, A, A, A, A, A, A, A, A],
  'GET /fhir/Appointment/$find':                             [A, A, A, A, A, A, A, A, A, A, A],
  'POST /fhir/Appointment/$find':                            [A, A, A, A, A, A, A, A, A, A, A],
  'POST /fhir/Appointment/$hold':                            [D, A, A, A, A, D, A, A, D, A, D],
  'POST /fhir/Appointment/$book':                            [D, A, A, A, A, D, A, A, D, A, D],
  'GET /fhir/Appointment/:id':                               [D, H, H, H, H, D, H, H, D, H, D],
  'GET /fhir/*':                                             [A, A, A, A, A, A, A, A, A, A, A],
  'POST /fhir/*':                                            [A, A, A, A, A, A, A, A, A, A, A],
  'PUT /fhir/*':                                             [A, A, A, A, A, A, A, A, A, A, A],
  'PATCH /fhir/*':                                           [A, A, A, A, A, A, A, A, A, A, A],
  'DELETE /fhir/*':                                          [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/organizations/:slug/providers':                 [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/organizations/:slug/providers/:id':              [D, D, D, A, A, D, D, A, D, D, D],
  'POST /api/organizations/:slug/resources':                 [D, D, D, A, A, D, D, A, D, D, D],
  'POST /api/organizations/:slug/appointment-types':         [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/organizations/:slug/appointment-types/:id':      [D, D, D, A, A, D, D, A, D, D, D],
  'POST /api/organizations/:slug/working-hours':             [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/organizations/:slug/working-hours/:id':       [D, D, D, H, H, D, D, H, D, D, D],
  'POST /api/organizations/:slug/date-overrides':            [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/organizations/:slug/date-overrides/:id':      [D, D, D, H, H, D, D, H, D, D, D],
  'POST /api/organizations/:slug/time-off':                  [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/organizations/:slug/time-off/:id':            [D, D, D, H, H, D, D, H, D, D, D],
  'POST /api/organizations/:slug/holidays':                  [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/organizations/:slug/setup-rules':                [D, D, D, A, A, D, D, A, D, D, D],
  // availability is public; booking is for patients and scheduling staff, never compliance
  'GET /api/availability':                                   [A, A, A, A, A, A, A, A, A, A, A],
  'GET /api/availability/compact':                           [A, A, A, A, A, A, A, A, A, A, A],
  'GET /api/organizations/:slug/visit-guide':                [A, A, A, A, A, A, A, A, A, A, A],
  'PUT /api/organizations/:slug/visit-guide':                [D, D, D, A, A, D, D, A, D, D, D],
  // the patient portal: the signed-in patient's own (the probe's empty eligibility query is a 400)
  'GET /api/me/appointments':                                [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/me/eligibility':                                 [D, D, D, D, D, D, A, D, D, D, D],
  // notifications: the patient's inbox, staff's message log, managers' plan and templates
  'GET /api/me/messages':                                    [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/me/messages/unread':                             [D, D, D, D, D, D, A, D, D, D, D],
  'POST /api/me/messages/:id/read':                          [D, D, D, D, D, D, H, D, D, D, D],
  'GET /api/appointments/:id/messages':                      [D, H, H, H, H, D, D, H, D, D, D],
  'GET /api/notification-messages/attention':               [D, A, A, A, A, D, D, A, D, D, D],
  'POST /api/notification-messages/:id/overrides':           [D, A, A, A, A, D, D, A, D, D, D],
  'PUT /api/notifications/plan':                             [D, D, D, A, A, D, D, A, D, D, D],
  'POST /api/notification-actions/preview':                  [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/notification-actions/use':                      [D, D, D, D, D, D, A, D, D, A, D],
  // the SMS vendor's webhooks: anyone reaches them, the vendor's signature is checked inside
  'GET /api/notifications/vendors':                          [D, D, D, D, A, A, D, A, D, D, D],
  'PUT /api/notifications/vendors/:vendor/agreement':        [D, D, D, D, A, A, D, A, D, D, D],
  'POST /api/webhooks/sms/status':                           [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/webhooks/sms/inbound':                          [A, A, A, A, A, A, A, A, A, A, A],
  'PUT /api/notifications/templates/:kind/:channel/:language': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/appointments/:id/calendar.ics':                  [D, H, H, H, H, D, H, H, D, H, D],
  'POST /api/appointments':                                  [D, A, A, A, A, D, A, A, D, A, D],
  'GET /api/appointments/:id':                               [D, H, H, H, H, D, H, H, D, H, D],
  'POST /api/appointments/:id/confirm':                      [D, H, H, H, H, D, H, H, D, H, D],
  'POST /api/appointments/:id/cancel':                       [D, A, A, A, A, D, A, A, D, A, D],
  'POST /api/appointments/:id/reschedule':                   [D, A, A, A, A, D, A, A, D, A, D],
  'POST /api/appointments/:id/check-in':                     [D, H, H, H, H, D, H, H, D, H, D],
  'POST /api/appointments/:id/no-show':                      [D, H, H, H, H, D, D, H, D, D, D],
  'POST /api/appointments/:id/complete':                     [D, H, H, H, H, D, D, H, D, D, D],
  'POST /api/organizations/:slug/locations': [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/organizations/:slug/locations/:id': [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/organizations/:slug/resources/:id': [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/organizations/:slug/holidays/:date': [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/organizations/:slug/resources/:id': [D, D, D, H, H, D, D, H, D, D, D],
  // the console's schedule: names for the front desk and a clinician (own schedule, probed with
  // the clinician's provider), counts for managers too; visit windows for managers and admins
  'GET /api/locations/:locationId/schedule':                 [D, A, A, D, D, D, D, D, D, D, D],
  'GET /api/locations/:locationId/schedule/counts':          [D, A, A, A, A, D, D, H, D, D, D],
  // the schedule's room columns: the location's rooms, for whoever reads its schedule
  'GET /api/locations/:locationId/resources':                [D, A, A, D, D, D, D, D, D, D, D],
  'GET /api/admin/visit-policy':                             [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/admin/visit-policy':                             [D, D, D, A, A, D, D, A, D, D, D],
  // overbooking policy (managers), its allowance (scheduling staff), no-show risk (the schedule's readers)
  'GET /api/admin/overbook-policies':                        [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/admin/overbook-policies':                        [D, D, D, A, A, D, D, A, D, D, D],
  'DELETE /api/admin/overbook-policies/:providerId':         [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/overbook/allowance':                             [D, A, A, A, A, D, D, A, D, D, D],
  'GET /api/locations/:locationId/no-show-risk':             [D, A, A, D, D, D, D, D, D, D, D],
  'GET /api/locations/:locationId/overbook-suggestions':     [D, A, A, D, D, D, D, D, D, D, D],
  // recurring series: the scheduling staff (a clinician their own schedule, checked in the service)
  'POST /api/series/preview':                                [D, A, A, A, A, D, D, A, D, D, D],
  'POST /api/series':                                        [D, A, A, A, A, D, D, A, D, D, D],
  'GET /api/series/:id':                                     [D, H, H, H, H, D, D, H, D, D, D],
  'POST /api/series/:id/following':                          [D, A, A, A, A, D, D, A, D, D, D],
  'GET /api/audit/verification':                             [D, D, D, D, D, A, D, D, D, D, D],
  'POST /api/audit/verification':                            [D, D, D, D, D, A, D, D, D, D, D],
  // explain reveals that a time is taken: scheduling staff only (the probe's empty query is a 400)
  'GET /api/availability/explain': [D, A, A, A, A, D, D, A, D, D, D],
  // the audit log is the compliance officer's, within their own organization
  'GET /api/audit/events':                                   [D, D, D, D, D, A, D, D, D, D, D],
  'GET /api/audit/export':                                   [D, D, D, D, D, A, D, D, D, D, D],
  'GET /api/audit/patients/:patientId/disclosures':          [D, D, D, D, D, A, D, D, D, D, D],
  'GET /api/audit/alerts':                                   [D, D, D, D, D, A, D, D, D, D, D],
  'GET /api/audit/alerts/:alertId':                          [D, D, D, D, D, H, D, D, D, D, D],
  'POST /api/audit/alert-rules':                             [D, D, D, D, D, A, D, D, D, D, D],
  'GET /api/audit/alert-rules':                              [D, D, D, D, D, A, D, D, D, D, D],
  'PATCH /api/audit/alert-rules/:ruleId':                    [D, D, D, D, D, A, D, D, D, D, D],
  // patients and intake: the services check each record and project per role. The probe's
  // patient has no identity row, so staff let through see 404 (H) as for a missing record.
  'POST /api/patients': [D, A, A, D, D, D, D, D, D, D, D],
  'POST /api/patients/lookup': [D, A, A, D, D, D, D, D, D, D, D],
  'POST /api/patients/search': [D, A, A, D, D, A, D, D, D, D, D],
  // reports: aggregates without identifiers, for managers and admins (the probe's empty query is a 400)
  'GET /api/reports/utilization': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/utilization/export': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/lead-time': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/lead-time/export': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/attendance': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/attendance/export': [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/patients/summary': [D, D, D, A, A, A, D, A, D, D, D],
  // a clinician's own schedule limits appointments and the clinical record (intake answers,
  // referral letters: the patients they treat), not identity, which search shows them anyway
  'GET /api/patients/:patientId': [D, H, H, D, D, D, H, D, D, D, D],
  'POST /api/patients/:patientId/reveal': [D, A, A, D, D, D, A, D, D, D, D],
  'POST /api/patients/:patientId/emergency-access': [D, D, A, D, D, D, D, D, D, D, D],
  'GET /api/patients/:patientId/preferences': [D, H, H, D, D, D, H, D, D, D, D],
  'PUT /api/patients/:patientId/preferences': [D, A, A, D, D, D, A, D, D, D, D],
  'GET /api/patients/:patientId/consents': [D, H, H, D, H, D, H, H, D, D, D],
  'POST /api/patients/:patientId/proxies': [D, A, A, D, A, D, A, A, D, D, D],
  'POST /api/patients/:patientId/guardians': [D, A, A, D, A, D, A, A, D, D, D],
  'POST /api/patients/:patientId/consents/:consentId/revoke': [D, H, H, D, H, D, H, H, D, D, D],
  'GET /api/me/record': [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/me/dependants': [D, D, D, D, D, D, A, D, D, D, D],
  'POST /api/intake/forms/:appointmentType': [D, D, D, D, A, D, D, A, D, D, D],
  'GET /api/organizations/:organizationId/intake-forms/:appointmentType': [H, H, H, H, H, H, H, H, H, H, H],
  'GET /api/patients/:patientId/intake/:formId/draft': [D, H, D, D, D, D, H, D, D, H, D],
  'PUT /api/patients/:patientId/intake/:formId/draft': [D, A, D, D, D, D, A, D, D, A, D],
  'POST /api/patients/:patientId/intake/:formId/submissions': [D, A, D, D, D, D, A, D, D, A, D],
  'GET /api/patients/:patientId/intake': [D, H, H, D, D, D, H, D, D, D, D],
  'POST /api/patients/:patientId/documents': [D, A, D, D, D, D, A, D, D, D, D],
  'GET /api/patients/:patientId/documents': [D, H, H, D, D, D, H, D, D, D, D],
  'GET /api/patients/:patientId/documents/:documentId': [D, H, H, D, D, D, H, D, D, D, D],
  // the portal: staying signed in, the emailed sign-in code, guest booking and visit links
  'POST /api/auth/session/extend':          [D,   A,    A,   A,   A,    A,    A,      A,    D,      A,     D],
  'POST /api/auth/mfa/email-code':          [D,   A,    A,   A,   A,    A,    A,      A,    A,      D,     A],
  'POST /api/guest/start': [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/guest/verify': [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/visit-links/code': [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/visit-links/verify': [A, A, A, A, A, A, A, A, A, A, A],
  // the waitlist: patients join and answer their offers; staff keep the list; managers its settings
  'POST /api/waitlist':                                      [D, A, A, A, A, D, A, A, D, D, D],
  'GET /api/me/waitlist':                                    [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/waitlist':                                       [D, A, A, A, A, D, D, A, D, D, D],
  'PUT /api/waitlist/:entryId/priority':                     [D, A, A, A, A, D, D, A, D, D, D],
  'POST /api/waitlist/:entryId/withdraw':                    [D, A, A, A, A, D, A, A, D, D, D],
  'POST /api/waitlist/offers/open':                          [D, D, D, D, D, D, A, D, D, D, D],
  'POST /api/waitlist/offers/:offerId/accept':               [D, D, D, D, D, D, A, D, D, D, D],
  'POST /api/waitlist/offers/:offerId/decline':              [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/admin/waitlist-settings':                        [D, D, D, A, A, D, D, A, D, D, D],
  'PUT /api/admin/waitlist-settings':                        [D, D, D, A, A, D, D, A, D, D, D],
  'GET /api/reports/waitlist':                               [D, D, D, A, A, D, D, A, D, D, D],
  // notifications: the plan in force (the console's setup page), managers and admins
  'GET /api/notifications/plan': [D, D, D, A, A, D, D, A, D, D, D],
  // an action link's one-time code instead of signing in: public (the link is the key)
  'POST /api/notification-actions/code': [A, A, A, A, A, A, A, A, A, A, A],
  'POST /api/notification-actions/verify': [A, A, A, A, A, A, A, A, A, A, A],
  // the portal's signed-out probe: 200 for everyone, signed in or not
  'GET /api/auth/session/state': [A, A, A, A, A, A, A, A, A, A, A],
  // a caregiver accepting a patient's invitation, with their own patient account
  'POST /api/me/caregiver-invitations/accept': [D, D, D, D, D, D, A, D, D, D, D],
  'GET /api/push/vapid-public-key': [A, A, A, A, A, A, A, A, A, A, A],
  'GET /api/me/push-subscriptions': [D, D, D, D, D, D, A, D, D, D, D],
  'POST /api/me/push-subscriptions': [D, D, D, D, D, D, A, D, D, D, D],
  'DELETE /api/me/push-subscriptions/:id': [D, D, D, D, D, D, H, D, D, D, D],
  'PATCH /fhir/Appointment/:id': [D, A, A, A, A, D, A, A, D, A, D],
  'POST /fhir/Patient/_search': [D, A, A, A, A, A, A, A, D, D, D],
  'POST /fhir/Patient/$match': [D, D, D, D, D, D, D, D, D, D, D],
  'POST /fhir/Patient': [D, A, A, A, A, A, A, A, D, D, D],
  'GET /fhir/Patient/:id': [D, H, H, H, H, H, H, H, D, D, D],
};

/**
 * Scope the account itself says, on every scheduling, patient and intake route: a front desk
 * limited to another location of the organization, and a clinician of another provider, beside
 * the unlimited front desk and the clinician whose schedule the records are on (they show the
 * records exist). Probed with real records at the main location on the first provider's
 * schedule: an appointment, its patient (identity, intake answers, documents). "Not theirs" is a
 * 404, exactly like a missing record. Scoped callers probe first, so they see each record as it
 * was made; a later `allow` may be a 409 for a state the earlier caller changed.
 */
const scopedCallers = ['scoped_front_desk', 'other_clinician', 'front_desk', 'clinician'] as const;
type ScopedCaller = (typeof scopedCallers)[number];
// prettier-ignore
const scopedMatrix: Record<string, Cell[]> = {
  //                                                         scoped desk, other clin, desk, clin
  'GET /api/locations/:locationId/schedule':                      [H, H, A, A],
  'GET /api/locations/:locationId/schedule/counts':               [H, H, A, A],
  'GET /api/locations/:locationId/resources':                     [H, A, A, A],
  'GET /api/availability/explain':                                [H, H, A, A],
  'POST /api/appointments':                                       [H, H, A, A],
  'GET /api/appointments/:id':                                    [H, H, A, A],
  'GET /api/appointments/:id/calendar.ics':                       [H, H, A, A],
  'POST /api/appointments/:id/confirm':                           [H, H, A, A],
  'POST /api/appointments/:id/check-in':                          [H, H, A, A],
  'POST /api/appointments/:id/no-show':                           [H, H, A, A],
  'POST /api/appointments/:id/complete':                          [H, H, A, A],
  'POST /api/appointments/:id/reschedule':                        [H, H, A, A],
  'POST /api/appointments/:id/cancel':                            [H, H, A, A],
  'GET /api/appointments/:id/messages':                          [H, H, A, A],
  // finding a person is how a booking anywhere starts: look-ups and search span the organization
  'POST /api/patients':                                           [A, A, A, A],
  'POST /api/patients/lookup':                                    [A, A, A, A],
  'POST /api/patients/search':                                    [A, A, A, A],
  'GET /api/patients/:patientId':                                 [H, A, A, A],
  'POST /api/patients/:patientId/reveal':                         [H, A, A, A],
  'GET /api/patients/:patientId/preferences':                     [H, A, A, A],
  // preferences are changed by the front desk, consents read by it (a clinician's are 404)
  'PUT /api/patients/:patientId/preferences':                     [H, H, A, H],
  'GET /api/patients/:patientId/consents':                        [H, H, A, H],
  'POST /api/patients/:patientId/guardians':                      [H, D, A, D],
  'GET /api/patients/:patientId/intake/:formId/draft':            [H, D, A, D],
  'PUT /api/patients/:patientId/intake/:formId/draft':            [H, D, A, D],
  'POST /api/patients/:patientId/intake/:formId/submissions':     [H, D, A, D],
  // answers are the treating clinician's, never the front desk's
  'GET /api/patients/:patientId/intake':                          [H, H, H, A],
  'POST /api/patients/:patientId/documents':                      [H, D, A, D],
  'GET /api/patients/:patientId/documents':                       [H, A, A, A],
  // the insurance card is the front desk's (a clinician's download is 404)
  'GET /api/patients/:patientId/documents/:documentId':           [H, H, A, H],
  // breaking the glass is a clinician's way in (step-up and a reason; audited, alerted)
  'POST /api/patients/:patientId/emergency-access':               [D, A, D, A],
  'GET /api/admin/visit-policy':                                  [D, D, D, D],
  'PUT /api/admin/visit-policy':                                  [D, D, D, D],
  'GET /api/audit/verification':                                  [D, D, D, D],
  'POST /api/audit/verification':                                 [D, D, D, D],
  'GET /api/reports/utilization':                                 [D, D, D, D],
  'GET /api/reports/lead-time':                                   [D, D, D, D],
  'GET /api/reports/attendance':                                  [D, D, D, D],
};

/** The problem type of an answer: a problem's `type`, or an OperationOutcome's slug (FHIR). */
function problemTypeOf(res: { headers: Record<string, unknown>; json(): unknown }) {
  if (!String(res.headers['content-type'] ?? '').includes('json')) return undefined;
  const body = res.json() as {
    type?: string;
    resourceType?: string;
    issue?: { details?: { coding?: { code?: string }[] } }[];
  };
  const slug = body.issue?.[0]?.details?.coding?.[0]?.code;
  return body.resourceType === 'OperationOutcome' && slug
    ? `urn:hourglass:problem:${slug}`
    : body.type;
}

let h: IdentityApp;
let target: TestAccount;
let otherPatientId: string;
let orgId: string;
let locationId: string;
let providerId: string;
const scopedClients = new Map<ScopedCaller, Client>();
let scoped: Awaited<ReturnType<typeof scopedRecords>>;
const accounts = new Map<Caller, TestAccount>();
const clients = new Map<Caller, Client>();

async function connect(caller: Caller): Promise<Client> {
  if (caller === 'anonymous') return new Client(h);
  if (caller === 'guest') return guestSession();
  const a = accounts.get(caller)!;
  if (caller !== 'mfa_owed' && caller !== 'email_owed') return signIn(h, a);
  const c = new Client(h);
  await c.post('/api/auth/sign-in', {
    organization: a.org.slug,
    email: a.email,
    password: a.password,
  });
  return c;
}

/** A guest booking session (an emailed code, no account) at the matrix clinic. */
async function guestSession(): Promise<Client> {
  const c = new Client(h);
  const email = 'matrix.guest@example.test';
  const before = h.smtp.to(email);
  const who = { legalName: { given: 'Matt', family: 'Rix' }, dateOfBirth: '1990-01-01' };
  await c.post('/api/guest/start', { organization: 'matrix', email, sex: 'unknown', ...who });
  const code = codeIn(await nextMail(h.smtp, email, before));
  const verified = await c.post('/api/guest/verify', { organization: 'matrix', email, code });
  if (verified.statusCode !== 200) throw new Error(`guest verify: ${verified.body}`);
  return c;
}

beforeAll(async () => {
  // A scanner that passes every file: the scope table's records include an uploaded document.
  h = await startIdentityApp({ env: { HOURGLASS_SCAN_COMMAND: 'cat' } });
  const org = await addOrganization(h, 'matrix');
  const other = await addOrganization(h, 'elsewhere');
  providerId = await addProvider(h, org);
  locationId = org.locationId;
  for (const role of ['front_desk', 'manager', 'admin', 'compliance_officer'] as const) {
    accounts.set(role, await addAccount(h, org, { roles: [role] }));
  }
  accounts.set('clinician', await addAccount(h, org, { roles: ['clinician'], providerId }));
  accounts.set('patient', await addAccount(h, org, { kind: 'patient' }));
  accounts.set('other_org_admin', await addAccount(h, other, { roles: ['admin'] }));
  accounts.set('mfa_owed', await addAccount(h, org, { roles: ['front_desk'] }));
  // A patient whose password was accepted and who still owes the code emailed to them.
  accounts.set('email_owed', await addAccount(h, org, { kind: 'patient' }));
  target = await addAccount(h, org, { roles: ['front_desk'] });
  // A patient of this organization who is not the signed-in patient: theirs is hidden from them.
  otherPatientId = (await addAccount(h, org, { kind: 'patient' })).account.patient_id!;
  orgId = org.id;
  for (const caller of callers) clients.set(caller, await connect(caller));
  scoped = await scopedRecords();
  // Two clinics, a dozen accounts signed in with TOTP, and the scope table's records: on a busy
  // 2-core machine this outlasts the default hook timeout.
}, 180_000);

/** The console clinic of the scope table and its records; see scopedMatrix. */
async function scopedRecords() {
  const c = await openConsoleClinic(h, 'scoped');
  const desk = await signIn(h, c.desk);
  scopedClients.set('scoped_front_desk', await signIn(h, c.annexDesk));
  scopedClients.set('other_clinician', await signIn(h, c.otherClinician));
  scopedClients.set('front_desk', desk);
  scopedClients.set('clinician', await signIn(h, c.clinician));
  const patientId = await registerPatient(desk, 'Scope', 'Probe');
  const at = (days: number, time: string) => newYorkTime(days, time, h.clock.now().getTime());
  // One appointment the probes change, one that stays booked (the clinician treats the patient).
  const changed = await book(desk, c, patientId, at(2, '10:00'));
  await book(desk, c, patientId, at(2, '11:00'));
  const admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
  const form = await admin.post(`/api/intake/forms/${c.typeId}`, {
    title: 'Before your visit',
    questions: [
      { id: 'better', type: 'yes_no', label: 'Better?', whyWeAsk: 'To plan.', required: true },
    ],
  });
  expect(form.statusCode, form.body).toBe(201);
  const formId = form.json().id as string;
  const answers = { answers: { better: true } };
  const submitted = await desk.post(
    `/api/patients/${patientId}/intake/${formId}/submissions`,
    answers,
  );
  expect(submitted.statusCode, submitted.body).toBe(201);
  const card = { kind: 'insurance_card', content: pngBase64 };
  const uploaded = await desk.post(`/api/patients/${patientId}/documents`, card);
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  return {
    clinic: c,
    patientId,
    appointmentId: changed.id,
    formId,
    documentId: uploaded.json().id as string,
    bodies: {
      'POST /api/appointments': holdRequest(c, patientId, at(3, '10:00')),
      'POST /api/appointments/:id/reschedule': { start: at(4, '10:00') },
      'POST /api/appointments/:id/cancel': { reasonCode: 'patient_request' },
      'POST /api/patients': {
        legalName: { given: 'Another', family: 'Probe' },
        dateOfBirth: '1970-01-01',
        sex: 'male',
        phone: '+1 555 010 9999',
      },
      'POST /api/patients/lookup': { familyName: 'Probe', dateOfBirth: '1980-12-10' },
      'POST /api/patients/search': { familyName: 'Prob', dateOfBirth: '1980-12-10' },
      'POST /api/patients/:patientId/reveal': { field: 'mrn' },
      'POST /api/patients/:patientId/emergency-access': { reason: 'emergency_care' },
      'PUT /api/patients/:patientId/preferences': {
        channels: ['email'],
        language: 'en',
        quietHours: null,
        timeZone: 'America/New_York',
      },
      'POST /api/patients/:patientId/guardians': {
        guardianAccountId: 'someone',
        scope: 'scheduling',
        reason: 'parent',
      },
      'PUT /api/patients/:patientId/intake/:formId/draft': answers,
      'POST /api/patients/:patientId/intake/:formId/submissions': answers,
      'POST /api/patients/:patientId/documents': card,
    } as Record<string, unknown>,
  };
}

/** The smallest PNG signature the upload's content check accepts. */
const pngBase64 = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0,
]).toString('base64');

function scopedRequestFor(key: string): { method: string; url: string; body?: unknown } {
  const [method, pattern] = key.split(' ') as [string, string];
  const c = scoped.clinic;
  const provider = c.providerIds[0]!;
  const url = pattern
    .replace(':locationId', c.locationId)
    .replace(':patientId', scoped.patientId)
    .replace(':formId', scoped.formId)
    .replace(':documentId', scoped.documentId)
    .replace(':id', scoped.appointmentId);
  const day = newYorkDate(h, 2);
  if (pattern.includes('/schedule')) {
    return { method, url: `${url}?from=${day}&to=${day}&providers=${provider}` };
  }
  if (pattern === '/api/availability/explain') {
    const start = encodeURIComponent(newYorkTime(2, '14:00', h.clock.now().getTime()));
    const q = `appointmentTypeId=${c.typeId}&providerId=${provider}&locationId=${c.locationId}`;
    return { method, url: `${url}?${q}&start=${start}` };
  }
  if (pattern.startsWith('/api/reports/')) return { method, url: `${url}?from=${day}&to=${day}` };
  if (method === 'GET' || method === 'DELETE') return { method, url };
  return { method, url, body: scoped.bodies[key] ?? {} };
}
afterAll(() => h.close());

function requestFor(key: string): { method: string; url: string; body?: unknown } {
  const [method, pattern] = key.split(' ') as [string, string];
  const url = pattern
    .replace('/api/account/sessions/:id', `/api/account/sessions/${crypto.randomUUID()}`)
    .replace(':patientId', otherPatientId)
    .replace(':organizationId', orgId)
    .replace(/:(consentId|formId|documentId|appointmentType|alertId|ruleId)/g, () =>
      crypto.randomUUID(),
    )
    .replace(':locationId', locationId)
    .replace(':id', target.account.id)
    .replace(':slug', 'matrix')
    .replace('*', 'probe');
  if (pattern.includes('/schedule')) {
    return { method, url: `${url}?from=2030-01-14&to=2030-01-20&providers=${providerId}` };
  }
  if (method === 'GET' || method === 'DELETE') return { method, url };
  const body = key.endsWith('/roles') ? { roles: ['front_desk'], locationIds: [] } : {};
  return { method, url, body };
}

describe('the route × role matrix', () => {
  it('lists every route the app serves', () => {
    const served = h.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(served.sort()).toEqual(Object.keys(matrix).sort());
  });

  it('gives every caller the allow, deny or hidden the table says, on every route', async () => {
    const seen: Record<string, Cell[]> = {};
    const audited = new Map(
      h.routes.filter((r) => r.audit !== 'none').map((r) => [`${r.method} ${r.url}`, r.audit]),
    );
    const unaccounted: string[] = [];
    for (const key of Object.keys(matrix)) {
      const { method, url, body } = requestFor(key);
      seen[key] = [];
      for (const caller of callers) {
        const client = clients.get(caller)!;
        const res = await client.request(method as 'GET', url, body);
        // Whatever the answer, a request to an audited route leaves an account of itself.
        if (audited.has(key)) {
          const events = await listAuditEvents(h.db, {
            requestId: String(res.headers['x-request-id']),
          });
          if (events.length === 0) unaccounted.push(`${key} as ${caller}: ${res.statusCode}`);
        }
        const type = problemTypeOf(res);
        const cell: Cell =
          (res.statusCode === 403 && type === 'urn:hourglass:problem:forbidden') ||
          (res.statusCode === 401 && type === 'urn:hourglass:problem:unauthorized')
            ? D
            : res.statusCode === 404 && /:\w*[iI]d\b/.test(key)
              ? H
              : A;
        seen[key].push(cell);
        if (key === 'POST /api/auth/sign-out' && res.statusCode === 204) {
          clients.set(caller, await connect(caller));
        }
      }
    }
    expect(seen).toEqual(matrix);
    expect(unaccounted).toEqual([]);
    // Thousands of requests, one after another: on PostgreSQL on a busy 2-core machine this
    // takes longer than the default test timeout.
  }, 180_000);

  it('holds location-scoped front desk and other clinicians to their own scope', async () => {
    const seen: Record<string, Cell[]> = {};
    const statuses: string[] = [];
    for (const key of Object.keys(scopedMatrix)) {
      const { method, url, body } = scopedRequestFor(key);
      seen[key] = [];
      for (const caller of scopedCallers) {
        const res = await scopedClients.get(caller)!.request(method as 'GET', url, body);
        const type = problemTypeOf(res);
        seen[key].push(
          res.statusCode === 403 && type === 'urn:hourglass:problem:forbidden'
            ? D
            : res.statusCode === 404
              ? H
              : A,
        );
        statuses.push(`${key} as ${caller}: ${res.statusCode} ${type ?? ''}`);
      }
    }
    expect(seen, statuses.join('\n')).toEqual(scopedMatrix);
  });
});

describe('one patient and another', () => {
  let patientA: TestAccount;
  let patientB: TestAccount;
  let app: IdentityApp;

  beforeAll(async () => {
    app = await startIdentityApp({
      extraRoutes: (a: App) =>
        route(a, {
          method: 'GET',
          url: '/api/test/patients/:id',
          access: anyOf(patient, workforce('front_desk', 'clinician')),
          audit: { action: 'test.patient.read', resourceType: 'patient' },
          schema: {
            params: z.strictObject({ id: z.uuid() }),
            response: { 200: z.object({ id: z.string() }) },
          },
          handler: async (req) => {
            const actor = req.actor;
            const orgId = 'organizationId' in actor ? actor.organizationId : '';
            // Checked before anything is loaded: "not yours" and "missing" are the same 404.
            requireOwnPatient(actor, orgId, req.params.id);
            const { rows } = await app.db.query<{ id: string }>(
              'select id::text from patients where organization_id = $1 and id = $2',
              [orgId, req.params.id],
            );
            if (!rows[0]) throw new NotFound();
            return rows[0];
          },
        }),
    });
    const org = await addOrganization(app, 'idor');
    patientA = await addAccount(app, org, { kind: 'patient' });
    patientB = await addAccount(app, org, { kind: 'patient' });
  });
  afterAll(() => app.close());

  it('a patient reads their own record', async () => {
    const a = await signIn(app, patientA);
    const res = await a.get(`/api/test/patients/${patientA.account.patient_id}`);
    expect(res.statusCode).toBe(200);
  });

  it("a patient cannot read another patient's record, nor tell it from a missing one", async () => {
    const a = await signIn(app, patientA);
    const other = await a.get(`/api/test/patients/${patientB.account.patient_id}`);
    const missing = await a.get(`/api/test/patients/${crypto.randomUUID()}`);
    expect(other.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: '', requestId: '' });
    expect(strip(other.json())).toEqual(strip(missing.json()));
  });

  it("a patient cannot sign another patient's device out, nor learn that it exists", async () => {
    const b = await signIn(app, patientB);
    const bSession = (await b.get('/api/account/sessions')).json().sessions[0].id as string;
    const a = await signIn(app, patientA);
    const theirs = await a.request('DELETE', `/api/account/sessions/${bSession}`);
    const missing = await a.request('DELETE', `/api/account/sessions/${crypto.randomUUID()}`);
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect((await b.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('front desk staff of another organization cannot reach the record either', async () => {
    const elsewhere = await addOrganization(app, 'idor-other');
    const staff = await addAccount(app, elsewhere, { roles: ['front_desk'] });
    const c = await signIn(app, staff);
    const res = await c.get(`/api/test/patients/${patientA.account.patient_id}`);
    expect(res.statusCode).toBe(404);
  });
});
