/**
 * What each action the app writes means in a FHIR AuditEvent shaped after IHE Basic Audit Log
 * Patterns (BALP): a RESTful interaction (BALP's Create/Read/Update/Delete/Query patterns), or a
 * DICOM audit event type (PS3.15 A.5: user authentication, export, import, audit log used, security
 * alert) with its CRUDE action code. `audit.balp.test.ts` fails when the app writes an action this
 * table does not map: add the action here when you add it to a route or a service.
 */

export type Crude = 'C' | 'R' | 'U' | 'D' | 'E';
type Interaction = 'create' | 'read' | 'update' | 'delete' | 'search-type';

export type BalpMapping =
  | { rest: Interaction }
  | { dicom: readonly [string, string]; subtype?: readonly [string, string]; action: Crude };

const create = { rest: 'create' } as const;
const read = { rest: 'read' } as const;
const update = { rest: 'update' } as const;
const remove = { rest: 'delete' } as const;
const query = { rest: 'search-type' } as const;

// DICOM audit event types (DCM) and the subtypes used with them.
const authentication = ['110114', 'User Authentication'] as const;
const login = ['110122', 'Login'] as const;
const logout = ['110123', 'Logout'] as const;
const securityAlert = ['110113', 'Security Alert'] as const;
const userAttributes = ['110137', 'User Security Attributes Changed'] as const;
const rolesChanged = ['110136', 'Security Roles Changed'] as const;
const securityConfiguration = ['110129', 'Security Configuration'] as const;
const emergencyOverride = ['110127', 'Emergency Override Started'] as const;
const auditLogUsed = ['110101', 'Audit Log Used'] as const;
const exported = ['110106', 'Export'] as const;
const imported = ['110107', 'Import'] as const;

const signIn = { dicom: authentication, subtype: login, action: 'E' } as const;
const signOut = { dicom: authentication, subtype: logout, action: 'E' } as const;
const account = (action: Crude) => ({ dicom: securityAlert, subtype: userAttributes, action });
const auditLog = (action: Crude) => ({ dicom: auditLogUsed, action });
const keyChange = { dicom: securityAlert, subtype: securityConfiguration, action: 'U' } as const;

/** Every action the app writes, by the service that did it or by the route that refused it. */
export const balpMappings: Record<string, BalpMapping> = {
  // Appointments: a new booking (held, or booked at once) is a create; each later step an update.
  'booking.held': create,
  'booking.booked': create,
  'booking.cancelled': update,
  'booking.expired': update,
  'booking.checked_in': update,
  'booking.completed': update,
  'booking.no_show': update,
  'booking.view': read,
  'booking.list': query,
  'booking.calendar.read': read,
  'booking.eligibility.read': read,
  // Notifications: a message sent is a create; the inbox and the message log are queries.
  'notification.sent': create,
  'notification.unconfirmed': update,
  'notification.inbox.read': query,
  'notification.inbox.mark_read': update,
  'notification.log.read': query,
  'notification.attention.list': query,
  'notification.plan.update': update,
  'notification.template.update': update,
  'notification.override.request': update,
  'notification.action.preview': read,
  'notification.sms.status': update,
  'notification.vendor.list': query,
  'notification.vendor.record': update,
  'notification.push.list': query,
  'notification.push.subscribe': create,
  'notification.push.unsubscribe': remove,
  'notification.sms.inbound': update,
  'notification.sms.opt_out': update,
  'notification.sms.opt_in': update,
  'notification.action.use': update,
  'notification.action.confirm': update,
  'notification.action.cancel': update,
  'notification.action.reschedule': update,
  'notification.override.send_now': update,
  'notification.override.skip': update,
  'notification.override.resend': create,
  'booking.request.hold': create,
  // FHIR: appointments read, held and booked through /fhir; systems' tokens and registrations
  'fhir.appointment.read': read,
  'fhir.appointment.search': query,
  'fhir.appointment.hold': create,
  'fhir.appointment.book': update,
  'fhir.appointment.cancel': update,
  'fhir.token.issue': { dicom: authentication, subtype: login, action: 'E' },
  'fhir.client.register': { dicom: securityAlert, subtype: securityConfiguration, action: 'C' },
  'fhir.patient.read': read,
  'fhir.patient.search': query,
  'fhir.patient.match': query,
  'fhir.patient.create': create,
  'booking.request.cancel': update,
  'booking.request.reschedule': update,
  'booking.request.confirm': update,
  'booking.request.checkIn': update,
  'booking.request.noShow': update,
  'booking.request.complete': update,
  'booking.schedule.read': query,
  'booking.schedule.counts': query,
  'booking.visit_policy.read': read,
  'booking.visit_policy.update': update,
  'booking.overbook_policy.read': read,
  'booking.overbook_policy.update': update,
  'booking.overbook_policy.delete': update,
  'booking.no_show_risk.read': query,
  'booking.overbook_suggestions.read': query,
  'booking.series.preview': query,
  'booking.series.create': create,
  'booking.series.read': read,
  'booking.series.split': update,

  // The waitlist: entries, offers of freed slots (the job's and the patient's), settings.
  'waitlist.join': create,
  'waitlist.list': query,
  'waitlist.priority': update,
  'waitlist.withdraw': update,
  'waitlist.offer.sent': create,
  'waitlist.offer.open': read,
  'waitlist.offer.accept': update,
  'waitlist.offer.decline': update,
  'waitlist.offer.expired': update,
  'waitlist.settings.read': read,
  'waitlist.settings.update': update,

  // Patients.
  'patient.register': create,
  // A person who proved their email: a new record, or linked to their existing one.
  'patient.self_register': create,
  'patient.self_link': update,
  'patient.lookup': query,
  'patient.search': query,
  'patient.read': read,
  'patient.summary': read,
  'patient.appointments.read': query,
  'patient.identifier.reveal': read,
  'patient.preferences.read': read,
  'patient.preferences.update': update,
  'patient.consent.list': query,
  'patient.dependants.list': query,
  'patient.consent.grant': create,
  'patient.consent.guardian': update,
  'patient.consent.revoke': update,
  'patient.consent.invite': create,
  'patient.consent.accept': create,
  'patient.export': { dicom: exported, action: 'R' },
  'patient.import': { dicom: imported, action: 'C' },
  'patient.break_glass': { dicom: securityAlert, subtype: emergencyOverride, action: 'E' },

  // Reports: aggregates without identifiers; a CSV download is an export.
  'report.read': query,
  'report.export': { dicom: exported, action: 'R' },

  // Intake.
  'intake.form.define': create,
  'intake.draft.read': read,
  'intake.draft.save': update,
  'intake.submit': create,
  'intake.read': read,
  'intake.document.upload': create,
  'intake.document.download': read,
  'intake.document.list': query,
  'intake.draft.purge': remove,

  // Clinic set-up.
  'directory.rules.read': query,
  'directory.location.create': create,
  'directory.location.update': update,
  'directory.provider.create': create,
  'directory.provider.update': update,
  'directory.resource.create': create,
  'directory.resource.update': update,
  'directory.resource.delete': remove,
  'directory.appointment_type.create': create,
  'directory.appointment_type.update': update,
  'directory.working_hours.create': create,
  'directory.working_hours.delete': remove,
  'directory.time_off.create': create,
  'directory.time_off.delete': remove,
  'directory.date_override.create': create,
  'directory.date_overrides.delete': remove,
  'directory.holiday.create': update,
  'directory.holiday.set': update,
  'directory.holiday.delete': remove,
  'directory.visit_guide.update': update,

  // Identity: authentication and security administration.
  'identity.sign_in': signIn,
  'identity.mfa.verify': signIn,
  'identity.step_up': signIn,
  'identity.mfa.recovery_code_used': signIn,
  'identity.mfa.email_code': account('E'),
  // "Stay signed in": the session goes on; an authentication event without login or logout.
  'identity.session.extend': { dicom: authentication, action: 'E' },
  // Guests prove an email with a code (start: the code goes out), like a sign-in.
  'identity.guest.start': account('E'),
  'identity.guest.verify': signIn,
  'identity.visit_link.create': account('C'),
  'identity.visit_link.code': account('E'),
  'identity.visit_link.verify': signIn,
  'identity.sign_out': signOut,
  'identity.session.revoke': signOut,
  'identity.account.list': query,
  'identity.account.create': account('C'),
  'identity.account.register': account('C'),
  'identity.account.invite': account('C'),
  'identity.account.verify_email': account('U'),
  'identity.account.enable': account('U'),
  'identity.account.disable': account('U'),
  'identity.account.roles_change': { dicom: securityAlert, subtype: rolesChanged, action: 'U' },
  'identity.password.change': account('U'),
  'identity.password.reset': account('U'),
  'identity.password.reset_request': account('E'),
  'identity.mfa.enroll_start': account('U'),
  'identity.mfa.enroll': account('U'),
  'identity.mfa.recovery_codes_regenerate': account('U'),
  'identity.session_policy.read': read,
  'identity.invitation.list': query,
  'identity.session_policy.change': {
    dicom: securityAlert,
    subtype: securityConfiguration,
    action: 'U',
  },

  // The audit trail itself: its oversight reads are "audit log used".
  'audit.search': auditLog('E'),
  'audit.search.request': auditLog('E'),
  'audit.export': auditLog('R'),
  'audit.export.request': auditLog('R'),
  'audit.accounting': auditLog('R'),
  'audit.accounting.request': auditLog('R'),
  'audit.alerts.read': auditLog('R'),
  'audit.alert.read': auditLog('R'),
  'audit.purge': auditLog('D'),
  'audit.alert_rule.create': { dicom: securityAlert, subtype: securityConfiguration, action: 'C' },
  'audit.alert_rule.create.request': {
    dicom: securityAlert,
    subtype: securityConfiguration,
    action: 'C',
  },
  'audit.alert_rules.read': auditLog('R'),
  'audit.verification.read': auditLog('R'),
  'audit.verification.request': auditLog('E'),
  'audit.alert_rule.update': { dicom: securityAlert, subtype: securityConfiguration, action: 'U' },
  // Sending an alert is the security alert going out; DICOM has no subtype for the channel.
  'audit.alert.email': { dicom: securityAlert, action: 'E' },
  'audit.alert.webhook': { dicom: securityAlert, action: 'E' },

  // Key management: the keys that protect PHI changing is a change of security configuration;
  // re-encrypting records under a new key updates them.
  'keys.rotate': keyChange,
  'keys.index.rotate': keyChange,
  'keys.new_kek': keyChange,
  'keys.rewrap': keyChange,
  'keys.retire': keyChange,
  'keys.reencrypt': update,
  'keys.reindex': update,
  'notification.plan.read': read,
  'identity.action_link.code': account('E'),
  'identity.action_link.verify': signIn,
};
