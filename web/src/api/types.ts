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

/** A provider as the directory publishes it (GET /api/organizations/:slug/providers). */
export interface Provider {
  id: string;
  displayName: string;
  credentials: string;
  locationIds: string[];
}

/** An appointment type as the directory publishes it (the fields the console uses). */
export interface AppointmentType {
  id: string;
  name: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  slotIntervalMinutes: number;
  modalities: ('in_person' | 'telehealth')[];
  cancelCutoffHours: number;
  rescheduleCutoffHours: number;
  scope: { providerId: string; locationId: string }[];
}

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
