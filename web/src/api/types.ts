// The API's types come from the server's own zod schemas (type-only imports, erased at build),
// so the web app cannot drift from what the server validates and serializes.
import type { z } from 'zod';
import type { sessionView } from '../../../server/src/modules/identity/identity.schema.ts';

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
export type { Problem } from '../../../server/src/platform/http/problem.ts';

/** The second factors a session may be finished with (`email`: a code mailed to patients). */
export type MfaMethod = 'totp' | 'recovery' | 'email';

/**
 * The session as the server describes it. `mfaMethods` is being added by the identity work in
 * progress; until it lands, the methods are derived from the account (see `mfaMethodsOf`).
 */
export type Session = z.infer<typeof sessionView> & { mfaMethods?: MfaMethod[] };
export type Stage = Session['stage'];
export type WorkforceRole = 'front_desk' | 'clinician' | 'manager' | 'admin' | 'compliance_officer';

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
export type VerificationState = z.infer<Verification['verificationStateSchema']>;
export type VerificationRun = z.infer<Verification['verificationRunSchema']>;
type PatientsSchema = typeof import('../../../server/src/modules/patients/patients.schema.ts');
export type PatientSearch = z.input<PatientsSchema['searchSchema']>;
export type PatientSearchResults = z.infer<PatientsSchema['searchResultsSchema']>;
