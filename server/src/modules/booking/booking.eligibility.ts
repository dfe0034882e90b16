import type { Queryable } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';
import { hadVisit } from './booking.store.ts';

/**
 * Whether a visit type is offered to a patient: its age range, new or established patients, and
 * its prerequisites (a prior visit here; intake and referral, which other modules answer). One
 * implementation: booking refuses with the first reason, the portal shows them all.
 */

const DAY = 86_400_000;

export class NotEligible extends DomainError {
  constructor(reason: EligibilityReason, type: AppointmentType) {
    super(422, 'not-eligible', 'Not eligible for this visit', describe(reason, type), {
      extensions: { reasons: [reason] },
    });
  }
}

export interface PrerequisiteChecks {
  /** A submitted intake form of the type (intake.prerequisites.ts, wired in app.ts). */
  intakeCompleted?: (organizationId: string, patientId: string, typeId: string) => Promise<boolean>;
  /** A referral letter on file (intake.prerequisites.ts). */
  referralOnFile?: (organizationId: string, patientId: string, typeId: string) => Promise<boolean>;
  /** The patient's age in whole years on a date, or null without a birth date (the PHI vault). */
  ageOn?: (organizationId: string, patientId: string, on: Date) => Promise<number | null>;
}

const VISITED = ['checked_in', 'completed'] as const;

/**
 * Why a visit type is not offered to a patient, as a stable code with the type's own parameters
 * (never the patient's data: an age bound is the type's, not the patient's age).
 */
export type EligibilityReason =
  | { code: 'age_unknown'; minAgeYears: number | null; maxAgeYears: number | null }
  | { code: 'age_below_minimum'; minAgeYears: number }
  | { code: 'age_above_maximum'; maxAgeYears: number }
  | { code: 'new_patients_only' }
  | { code: 'established_patients_only' }
  | { code: 'prior_visit_required'; appointmentTypeId: string; withinDays: number }
  | { code: 'intake_required' }
  | { code: 'referral_required' };

export const eligibilityCodes = [
  'age_unknown',
  'age_below_minimum',
  'age_above_maximum',
  'new_patients_only',
  'established_patients_only',
  'prior_visit_required',
  'intake_required',
  'referral_required',
] as const satisfies readonly EligibilityReason['code'][];

/** The sentence a booking's 422 carries for a reason. */
function describe(reason: EligibilityReason, type: AppointmentType): string {
  const range = `${type.minAgeYears ?? 0}${type.maxAgeYears === null ? '+' : `–${type.maxAgeYears}`}`;
  switch (reason.code) {
    case 'age_unknown':
      return `This visit is for patients aged ${range}; the patient's date of birth is not on file.`;
    case 'age_below_minimum':
    case 'age_above_maximum':
      return `This visit is for patients aged ${range}.`;
    case 'new_patients_only':
      return 'This visit is for new patients; book a visit for established patients.';
    case 'established_patients_only':
      return 'This visit is for established patients; book a new-patient visit first.';
    case 'prior_visit_required':
      return `This visit needs a prior qualifying visit within ${reason.withinDays} days.`;
    case 'intake_required':
      return 'This visit needs a completed intake form first.';
    case 'referral_required':
      return 'This visit needs a referral on file first.';
  }
}

/**
 * Eligibility (age range, new or established patient) and prerequisites of the type for this
 * patient on a date: every reason it is not offered (`all`), or only the first. Booking stops at
 * the first; the portal asks for all. One implementation for both.
 */
export async function eligibilityReasons(
  db: Queryable,
  q: { organizationId: string; type: AppointmentType; patientId: string; start: Date },
  checks: PrerequisiteChecks,
  opts: { all: boolean },
): Promise<EligibilityReason[]> {
  const { type } = q;
  const reasons: EligibilityReason[] = [];
  const found = (r: EligibilityReason) => {
    reasons.push(r);
    return !opts.all;
  };
  if (type.minAgeYears !== null || type.maxAgeYears !== null) {
    const age = checks.ageOn ? await checks.ageOn(q.organizationId, q.patientId, q.start) : null;
    const stop =
      age === null
        ? found({
            code: 'age_unknown',
            minAgeYears: type.minAgeYears,
            maxAgeYears: type.maxAgeYears,
          })
        : type.minAgeYears !== null && age < type.minAgeYears
          ? found({ code: 'age_below_minimum', minAgeYears: type.minAgeYears })
          : type.maxAgeYears !== null && age > type.maxAgeYears
            ? found({ code: 'age_above_maximum', maxAgeYears: type.maxAgeYears })
            : false;
    if (stop) return reasons;
  }
  if (type.eligibility !== 'any') {
    const established = await hadVisit(db, q.organizationId, q.patientId, {
      before: q.start,
      statuses: [...VISITED],
    });
    if (type.eligibility === 'new' && established && found({ code: 'new_patients_only' })) {
      return reasons;
    }
    if (
      type.eligibility === 'established' &&
      !established &&
      found({ code: 'established_patients_only' })
    ) {
      return reasons;
    }
  }
  for (const p of type.prerequisites) {
    if (p.kind === 'prior_visit') {
      const ok = await hadVisit(db, q.organizationId, q.patientId, {
        typeId: p.appointmentTypeId,
        since: new Date(q.start.getTime() - p.withinDays * DAY),
        before: q.start,
        statuses: ['booked', ...VISITED],
      });
      const reason = {
        code: 'prior_visit_required',
        appointmentTypeId: p.appointmentTypeId,
        withinDays: p.withinDays,
      } as const;
      if (!ok && found(reason)) return reasons;
    } else {
      const check = p.kind === 'intake_completed' ? checks.intakeCompleted : checks.referralOnFile;
      const ok = check ? await check(q.organizationId, q.patientId, type.id) : false;
      const code = p.kind === 'intake_completed' ? 'intake_required' : 'referral_required';
      if (!ok && found({ code })) return reasons;
    }
  }
  return reasons;
}

/** Booking's check: the first reason the type is not offered to the patient, as a 422. */
export async function checkEligibility(
  db: Queryable,
  q: { organizationId: string; type: AppointmentType; patientId: string; start: Date },
  checks: PrerequisiteChecks,
) {
  const [first] = await eligibilityReasons(db, q, checks, { all: false });
  if (first) throw new NotEligible(first, q.type);
}
