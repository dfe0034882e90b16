import type { Queryable } from '../../platform/db/db.ts';
import { Conflict, DomainError, Invalid } from '../../platform/http/errors.ts';
import {
  computeSlots,
  offer,
  indexResources,
  spanOf,
} from '../availability/availability.engine.ts';
import { explain } from '../availability/availability.explain.ts';
import { loadEngineInput } from '../availability/availability.loader.ts';
import type { Modality, Reason } from '../availability/availability.types.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';
import { hadVisit } from './booking.store.ts';

/** The rules a booking must meet before the database is asked: friendly errors, not the guarantee. */

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface SlotAlternative {
  start: string;
  end: string;
  providerId: string;
  locationId: string;
  modalities: Modality[];
}

export class SlotTaken extends Conflict {
  constructor(alternatives: SlotAlternative[] = []) {
    super(
      'slot-taken',
      'That time is taken',
      'Someone else has this time. The nearest open times are listed in `alternatives`.',
      { alternatives },
    );
  }
}

/** The time is taken by the patient's own live hold: continue with that hold. */
export class AlreadyHeld extends Conflict {
  constructor(hold: { id: string; starts_at: Date; hold_expires_at: Date }) {
    super(
      'already-held',
      'You already hold this time',
      'This time is already held for this patient. Continue with the hold in `holdId` before it expires at `holdExpiresAt`.',
      {
        holdId: hold.id,
        start: hold.starts_at.toISOString(),
        holdExpiresAt: hold.hold_expires_at.toISOString(),
      },
    );
  }
}

export class SlotUnavailable extends DomainError {
  constructor(reasons: Reason[]) {
    super(
      422,
      'slot-unavailable',
      'This time cannot be booked',
      reasons.map((r) => r.message).join(' '),
      {
        extensions: { reasons },
      },
    );
  }
}

export class NotEligible extends DomainError {
  constructor(detail: string) {
    super(422, 'not-eligible', 'Not eligible for this visit', detail);
  }
}

const TAKEN: ReadonlySet<Reason['code']> = new Set(['booked', 'buffer', 'resource-taken']);

/**
 * Checks a time against every availability rule (the engine's explain) and picks the resources an
 * in-person visit takes. Taken time → SlotTaken; any other rule → SlotUnavailable naming it.
 */
export async function checkSlot(
  db: Queryable,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    type?: AppointmentType | undefined;
    providerId: string;
    locationId: string;
    modality: Modality;
    start: number;
    now: number;
    overbook: boolean;
    excludeAppointmentId?: string | null;
  },
): Promise<CheckedSlot> {
  // The type, the rules and each appointment in the way: one statement.
  const { input, type, expiredHolds } = await loadEngineInput(db, {
    organizationId: q.organizationId,
    appointmentTypeId: q.appointmentTypeId,
    type: q.type,
    providerIds: [q.providerId],
    locationIds: [q.locationId],
    modality: q.modality,
    window: { start: q.start, end: q.start + 1 },
    now: q.now,
    excludeAppointmentId: q.excludeAppointmentId ?? null,
    detailed: true,
  });
  if (!type.modalities.includes(q.modality)) {
    throw new Invalid('This visit is not offered that way.', [
      { pointer: '/modality', detail: `one of ${type.modalities.join(', ')}` },
    ]);
  }
  const candidate = input.candidates[0];
  if (!candidate) {
    throw new Invalid('This provider does not offer this visit at this location.', [
      { pointer: '/providerId', detail: 'not in the appointment type’s provider scope here' },
    ]);
  }
  let reasons = explain(input, {
    providerId: q.providerId,
    locationId: q.locationId,
    start: q.start,
  });
  // An overbooking shares the provider's time in the extra lane; resources are still exclusive.
  if (q.overbook) reasons = reasons.filter((r) => r.code !== 'booked' && r.code !== 'buffer');
  const other = reasons.filter((r) => !TAKEN.has(r.code));
  if (other.length > 0) throw new SlotUnavailable(other);
  if (reasons.length > 0) throw new SlotTaken();
  const span = spanOf(type, q.start);
  const resourceIds =
    q.modality === 'in_person'
      ? offer(input, candidate, span, indexResources(input.resources)).resourceIds
      : [];
  return {
    type,
    resourceIds,
    start: new Date(q.start),
    end: new Date(q.start + type.durationMinutes * MINUTE),
    during: [new Date(span.start), new Date(span.end)],
    expiredHolds,
  };
}

export interface CheckedSlot {
  type: AppointmentType;
  resourceIds: string[];
  start: Date;
  end: Date;
  /** The time the appointment occupies, buffers included. */
  during: [Date, Date];
  /** A hold past its expiry is in the way: the booking transaction clears it first. */
  expiredHolds: boolean;
}

/** The open times nearest to a taken one: same type and location, any provider in scope. */
export async function nearestAlternatives(
  db: Queryable,
  q: {
    organizationId: string;
    type: AppointmentType;
    locationId: string;
    modality: Modality;
    start: number;
    now: number;
  },
  count = 3,
): Promise<SlotAlternative[]> {
  const { input } = await loadEngineInput(db, {
    organizationId: q.organizationId,
    appointmentTypeId: q.type.id,
    type: q.type,
    locationIds: [q.locationId],
    modality: q.modality,
    window: { start: Math.max(q.now, q.start - 2 * DAY), end: q.start + 7 * DAY },
    now: q.now,
  });
  return computeSlots(input)
    .sort((a, b) => Math.abs(a.start - q.start) - Math.abs(b.start - q.start) || a.start - b.start)
    .slice(0, count)
    .map((s) => ({
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
      providerId: s.providerId,
      locationId: s.locationId,
      modalities: s.modalities,
    }));
}

export interface PrerequisiteChecks {
  /** Answered by the intake module once it exists. */
  intakeCompleted?: (organizationId: string, patientId: string, typeId: string) => Promise<boolean>;
  /** Answered by the referrals/intake module once it exists. */
  referralOnFile?: (organizationId: string, patientId: string, typeId: string) => Promise<boolean>;
  /** The patient's age in whole years on a date, or null without a birth date (the PHI vault). */
  ageOn?: (organizationId: string, patientId: string, on: Date) => Promise<number | null>;
}

const VISITED = ['checked_in', 'completed'] as const;

/** Eligibility (new or established patient) and prerequisites of the type, for this patient. */
export async function checkEligibility(
  db: Queryable,
  q: { organizationId: string; type: AppointmentType; patientId: string; start: Date },
  checks: PrerequisiteChecks,
) {
  const { type } = q;
  if (type.minAgeYears !== null || type.maxAgeYears !== null) {
    const age = checks.ageOn ? await checks.ageOn(q.organizationId, q.patientId, q.start) : null;
    const range = `${type.minAgeYears ?? 0}${type.maxAgeYears === null ? '+' : `–${type.maxAgeYears}`}`;
    if (age === null) {
      throw new NotEligible(
        `This visit is for patients aged ${range}; the patient's date of birth is not on file.`,
      );
    }
    if (
      (type.minAgeYears !== null && age < type.minAgeYears) ||
      (type.maxAgeYears !== null && age > type.maxAgeYears)
    ) {
      throw new NotEligible(`This visit is for patients aged ${range}.`);
    }
  }
  if (type.eligibility !== 'any') {
    const established = await hadVisit(db, q.organizationId, q.patientId, {
      before: q.start,
      statuses: [...VISITED],
    });
    if (type.eligibility === 'new' && established) {
      throw new NotEligible(
        'This visit is for new patients; book a visit for established patients.',
      );
    }
    if (type.eligibility === 'established' && !established) {
      throw new NotEligible(
        'This visit is for established patients; book a new-patient visit first.',
      );
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
      if (!ok)
        throw new NotEligible(
          `This visit needs a prior qualifying visit within ${p.withinDays} days.`,
        );
    } else {
      const check = p.kind === 'intake_completed' ? checks.intakeCompleted : checks.referralOnFile;
      const ok = check ? await check(q.organizationId, q.patientId, type.id) : false;
      if (!ok) {
        throw new NotEligible(
          p.kind === 'intake_completed'
            ? 'This visit needs a completed intake form first.'
            : 'This visit needs a referral on file first.',
        );
      }
    }
  }
}
