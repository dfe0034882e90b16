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

/** The second factors a session may be finished with (`email`: a code mailed to patients). */
export type MfaMethod = 'totp' | 'recovery' | 'email';

/**
 * The session as the server describes it. `mfaMethods` is being added by the identity work in
 * progress; until it lands, the methods are derived from the account (see `mfaMethodsOf`).
 */
export type Session = z.infer<typeof sessionView> & { mfaMethods?: MfaMethod[] };
export type Stage = Session['stage'];
export type WorkforceRole = 'front_desk' | 'clinician' | 'manager' | 'admin' | 'compliance_officer';

/** A workforce account as an admin sees it (`GET /api/admin/accounts`). */
export type StaffAccount = z.infer<typeof accountView>;
