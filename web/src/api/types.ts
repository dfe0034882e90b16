// The API's types come from the server's own zod schemas (type-only imports, erased at build),
// so the web app cannot drift from what the server validates and serializes.
import type { z } from 'zod';
import type {
  accountView,
  sessionView,
} from '../../../server/src/modules/identity/identity.schema.ts';

export type {
  Organization,
  OrganizationSummary,
  Location,
} from '../../../server/src/modules/directory/directory.schema.ts';
export type {
  AnswerValue,
  Answers,
  FormView,
  Question,
} from '../../../server/src/modules/intake/intake.schema.ts';
export type {
  AppointmentTypeInput,
  Modality,
  Prerequisite,
} from '../../../server/src/modules/directory/directory.rules-schema.ts';
export type {
  Provider,
  Resource,
} from '../../../server/src/modules/directory/directory.rules-store.ts';
export type { AppointmentType } from '../../../server/src/modules/directory/directory.types-store.ts';
export type { SetupRulesView as SetupRules } from '../../../server/src/modules/directory/directory.setup-routes.ts';
export type { VisitGuide } from '../../../server/src/modules/directory/directory.visit-guide.ts';
export type { VisitPolicy } from '../../../server/src/modules/booking/booking.visit-window.ts';
export type {
  AttendanceReport,
  LeadTimeReport,
  UtilizationReport,
} from '../../../server/src/modules/reports/reports.schema.ts';
export type { FormDefinition } from '../../../server/src/modules/intake/intake.schema.ts';
export type { Problem } from '../../../server/src/platform/http/problem.ts';

/** The session as the server describes it, with the second factors its stage accepts. */
export type Session = z.infer<typeof sessionView>;
/** The second factors a session may be finished with (`email`: a code mailed to patients). */
export type MfaMethod = Session['mfaMethods'][number];
export type Stage = Session['stage'];
export type WorkforceRole = 'front_desk' | 'clinician' | 'manager' | 'admin' | 'compliance_officer';

import type {
  appointmentTypeSchema,
  providerSchema,
} from '../../../server/src/modules/directory/directory.manage-routes.ts';
import type { compactAnswer } from '../../../server/src/modules/availability/availability.routes.ts';
import type {
  eligibilityAnswer,
  myAppointmentSchema,
} from '../../../server/src/modules/booking/booking.portal-routes.ts';
import type { dependantSchema } from '../../../server/src/modules/patients/patients.dependants.ts';

export type { Appointment } from '../../../server/src/modules/booking/booking.schema.ts';
export type AppointmentTypeView = z.infer<typeof appointmentTypeSchema>;
export type ProviderView = z.infer<typeof providerSchema>;
export type CompactAvailability = z.infer<typeof compactAnswer>;
export type EligibilityAnswer = z.infer<typeof eligibilityAnswer>;
export type EligibilityReason = EligibilityAnswer['types'][number]['reasons'][number];
export type MyAppointment = z.infer<typeof myAppointmentSchema>;
export type Dependant = z.infer<typeof dependantSchema>;
export type {
  ScheduleAnswer,
  ScheduleEntry,
} from '../../../server/src/modules/booking/booking.schedule.schema.ts';
export type {
  PatientView,
  SearchResults,
  Search,
  Registration,
  RevealableField,
} from '../../../server/src/modules/patients/patients.schema.ts';
export type { SubmissionView } from '../../../server/src/modules/intake/intake.schema.ts';
export type { DocumentView } from '../../../server/src/modules/intake/intake.documents.ts';
export type { EmergencyGrant } from '../../../server/src/modules/patients/patients.emergency.ts';

/** Why a time is or is not bookable (GET /api/availability/explain). */
export interface Explanation {
  bookable: boolean;
  reasons: { code: string; message: string }[];
}

/** An open time (the availability API, and a slot-taken problem's `alternatives`). */
export interface Slot {
  start: string;
  end: string;
  providerId: string;
  locationId: string;
  modalities: ('in_person' | 'telehealth')[];
}
/** A workforce account as an admin sees it (`GET /api/admin/accounts`). */
export type StaffAccount = z.infer<typeof accountView>;
// The compliance officer's desk (audit module).
type AuditSchema = typeof import('../../../server/src/modules/audit/audit.schema.ts');
type AuditRoutes = typeof import('../../../server/src/modules/audit/audit.routes.ts');
type AlertRules = typeof import('../../../server/src/modules/audit/audit.alert-rules.ts');
type Verification = typeof import('../../../server/src/modules/audit/audit.verification.ts');
export type AuditEvent = z.infer<AuditSchema['auditEventSchema']>;
export type AuditPage = z.infer<AuditSchema['auditPageSchema']>;
export type AuditFilter = z.input<AuditSchema['auditFilterSchema']>;
export type DisclosureReport = z.infer<AuditSchema['disclosureReportSchema']>;
export type AlertSummary = z.infer<AuditRoutes['alertView']>;
export type AlertDetail = z.infer<AuditRoutes['alertDetail']>;
export type AlertRule = z.infer<AlertRules['alertRuleViewSchema']>;
export type AlertRuleUpdate = z.input<AlertRules['alertRuleUpdateSchema']>;
export type AlertRuleInput = z.input<AlertRules['alertRuleInputSchema']>;
export type VerificationState = z.infer<Verification['verificationStateSchema']>;
export type VerificationRun = z.infer<Verification['verificationRunSchema']>;
type PatientsSchema = typeof import('../../../server/src/modules/patients/patients.schema.ts');
export type PatientSearch = z.input<PatientsSchema['searchSchema']>;
export type PatientSearchResults = z.infer<PatientsSchema['searchResultsSchema']>;
