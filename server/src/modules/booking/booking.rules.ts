import type { Queryable } from '../../platform/db/db.ts';
import { Conflict, DomainError, Invalid } from '../../platform/http/errors.ts';
import {
  computeSlots,
  offer,
  indexResources,
  mergeIntervals,
  overlapsMerged,
  spanOf,
} from '../availability/availability.engine.ts';
import { explain } from '../availability/availability.explain.ts';
import { loadEngineInput } from '../availability/availability.loader.ts';
import { occupancy } from './booking.occupancy.ts';
import type { EngineInput, Modality, Reason } from '../availability/availability.types.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';

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

const shownSlot = (s: {
  start: number;
  end: number;
  providerId: string;
  locationId: string;
  modalities: Modality[];
}): SlotAlternative => ({
  start: new Date(s.start).toISOString(),
  end: new Date(s.end).toISOString(),
  providerId: s.providerId,
  locationId: s.locationId,
  modalities: s.modalities,
});

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

/** An overbooking of a type the clinic set up not to be overbooked (`allowsOverbooking`). */
export class OverbookNotAllowed extends DomainError {
  constructor() {
    super(
      422,
      'overbook-not-allowed',
      'This visit type cannot be overbooked',
      'The clinic does not overbook this appointment type. Choose a free time.',
      {
        errors: [
          { pointer: '/body/overbookReason', detail: 'this appointment type is not overbooked' },
        ],
      },
    );
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
    /** Rooms or equipment the staff chose (else the first free of each kind). */
    resourceIds?: readonly string[] | undefined;
  },
): Promise<CheckedSlot> {
  // The type, the rules and each appointment in the way: one statement.
  const { input, type, expiredHolds } = await loadEngineInput(db, occupancy, {
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
  if (q.overbook && !type.allowsOverbooking) throw new OverbookNotAllowed();
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
    q.modality !== 'in_person'
      ? []
      : q.resourceIds
        ? chosenResources(input, candidate.locationId, span, q.resourceIds)
        : offer(input, candidate, span, indexResources(input.resources)).resourceIds;
  return {
    type,
    resourceIds,
    start: new Date(q.start),
    end: new Date(q.start + type.durationMinutes * MINUTE),
    during: [new Date(span.start), new Date(span.end)],
    expiredHolds,
  };
}

/**
 * The resources staff chose for an in-person visit: each at the location and of a kind the type
 * requires, one per kind, every required kind named; one taken at that time → SlotTaken.
 */
function chosenResources(
  input: EngineInput,
  locationId: string,
  span: { start: number; end: number },
  ids: readonly string[],
): string[] {
  const kinds = input.type.requiredResourceKinds;
  const chosen = ids.map((id) => input.resources.find((r) => r.id === id));
  const bad = chosen.findIndex(
    (r, i) =>
      !r ||
      r.locationId !== locationId ||
      !kinds.includes(r.kind) ||
      chosen.findIndex((o) => o?.kind === r.kind) !== i,
  );
  if (bad !== -1) {
    throw new Invalid('Choose a room or equipment this visit needs, at this location.', [
      { pointer: `/resourceIds/${bad}`, detail: 'not a resource of a kind this visit takes here' },
    ]);
  }
  const missing = kinds.filter((k) => !chosen.some((r) => r!.kind === k));
  if (missing.length > 0) {
    throw new Invalid('Choose one of each room or equipment this visit needs.', [
      { pointer: '/resourceIds', detail: `also needs: ${missing.join(', ')}` },
    ]);
  }
  if (chosen.some((r) => overlapsMerged(mergeIntervals(r!.blocks), span.start, span.end))) {
    throw new SlotTaken();
  }
  return chosen.map((r) => r!.id);
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

/**
 * The open times nearest to a taken one: same type and location. With the provider the patient
 * chose, that provider's nearest times come first and one other provider's nearest time completes
 * the list (the same time with a colleague is often what the patient wants next).
 */
export async function nearestAlternatives(
  db: Queryable,
  q: {
    organizationId: string;
    type: AppointmentType;
    locationId: string;
    providerId?: string;
    modality: Modality;
    start: number;
    now: number;
  },
  count = 3,
): Promise<SlotAlternative[]> {
  const { input } = await loadEngineInput(db, occupancy, {
    organizationId: q.organizationId,
    appointmentTypeId: q.type.id,
    type: q.type,
    locationIds: [q.locationId],
    modality: q.modality,
    window: { start: Math.max(q.now, q.start - 2 * DAY), end: q.start + 7 * DAY },
    now: q.now,
  });
  const byDistance = computeSlots(input).sort(
    (a, b) => Math.abs(a.start - q.start) - Math.abs(b.start - q.start) || a.start - b.start,
  );
  const chosen = byDistance.filter((s) => s.providerId === q.providerId);
  const others = byDistance.filter((s) => s.providerId !== q.providerId);
  const picked = q.providerId
    ? [...chosen.slice(0, others.length > 0 ? count - 1 : count), ...others]
        .slice(0, count)
        .sort((a, b) => byDistance.indexOf(a) - byDistance.indexOf(b))
    : byDistance.slice(0, count);
  return picked.map(shownSlot);
}

/** Open times of a type in a window, earliest first: the engine on booking's occupancy. */
export async function openTimes(
  db: Queryable,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    modality?: Modality | undefined;
    window: { start: number; end: number };
    now: number;
  },
): Promise<SlotAlternative[]> {
  const { input } = await loadEngineInput(db, occupancy, q);
  return computeSlots(input)
    .sort((a, b) => a.start - b.start)
    .map(shownSlot);
}
