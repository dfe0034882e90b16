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
import type { visitGuideSchema } from '../../../server/src/modules/directory/directory.visit-guide-routes.ts';
import type { compactAnswer } from '../../../server/src/modules/availability/availability.routes.ts';
import type {
  eligibilityAnswer,
  myAppointmentSchema,
} from '../../../server/src/modules/booking/booking.portal-routes.ts';
import type { dependantSchema } from '../../../server/src/modules/patients/patients.dependants.ts';

export type { Appointment } from '../../../server/src/modules/booking/booking.schema.ts';
export type Modality = 'in_person' | 'telehealth';
export type AppointmentTypeView = z.infer<typeof appointmentTypeSchema>;
export type ProviderView = z.infer<typeof providerSchema>;
export type VisitGuide = z.infer<typeof visitGuideSchema>;
export type CompactAvailability = z.infer<typeof compactAnswer>;
export type EligibilityAnswer = z.infer<typeof eligibilityAnswer>;
export type EligibilityReason = EligibilityAnswer['types'][number]['reasons'][number];
export type MyAppointment = z.infer<typeof myAppointmentSchema>;
export type Dependant = z.infer<typeof dependantSchema>;
