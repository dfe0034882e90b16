import type { Queryable } from '../../platform/db/db.ts';
import { occupiedTime } from '../booking/booking.occupancy.ts';
import { NotFound } from '../../platform/http/errors.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';
import { loadScheduleRules } from '../directory/directory.rules-loader.ts';
import type { EngineInput, Modality } from './availability.types.ts';

const MINUTE = 60_000;
// Without the type in hand, widen reads by the largest buffers and duration a type may have.
const MAX_REACH = { before: 2 * 240, after: 720 + 2 * 240 };

export interface LoadedInput {
  input: EngineInput;
  type: AppointmentType;
  /** A hold past its expiry overlaps the window: a booking transaction should clear it. */
  expiredHolds: boolean;
}

/**
 * Builds the engine's input for one query from exactly the rows it needs: the type's scope
 * narrowed to the asked providers and locations, rules touching the window, and blocks overlapping
 * the window widened by the type's buffers. With the providers named (a booking check), the type,
 * the rules and the blocks are read at once: one round trip.
 */
export async function loadEngineInput(
  db: Queryable,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    type?: AppointmentType | undefined;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    modality?: Modality | undefined;
    window: { start: number; end: number };
    now: number;
    /** An appointment being rescheduled does not block its own new time. */
    excludeAppointmentId?: string | null;
  },
): Promise<LoadedInput> {
  const reach = q.type
    ? {
        before: q.type.bufferBeforeMinutes + q.type.bufferAfterMinutes,
        after: q.type.durationMinutes + q.type.bufferBeforeMinutes + q.type.bufferAfterMinutes,
      }
    : MAX_REACH;
  const from = new Date(q.window.start - reach.before * MINUTE);
  const to = new Date(q.window.end + reach.after * MINUTE);
  const rulesQuery = loadScheduleRules(db, {
    organizationId: q.organizationId,
    appointmentTypeId: q.appointmentTypeId,
    providerIds: q.providerIds,
    locationIds: q.locationIds,
    from,
    to,
    resourceKinds: q.type ? q.type.requiredResourceKinds : null,
  });
  const occupiedQuery = (providerIds: string[], locationIds: string[] | null) =>
    occupiedTime(db, {
      providerIds,
      locationIds,
      from,
      to,
      excludeId: q.excludeAppointmentId ?? null,
    });
  // The type comes with the rules (one statement); with the providers named, the blocks are read
  // at the same time.
  let rules;
  let occupied;
  if (q.providerIds) {
    [rules, occupied] = await Promise.all([
      rulesQuery,
      occupiedQuery(q.providerIds, q.locationIds ?? null),
    ]);
  } else {
    // The providers come with the rules. Rather than wait for them, read the blocks of the ones
    // the same scope had last time alongside, and read again only if the scope has since grown
    // (blocks of providers no longer in it are never looked up).
    const key = `${q.organizationId}|${q.appointmentTypeId}|${q.locationIds?.join(',') ?? ''}`;
    const guess = lastScope.get(key);
    const early = guess ? occupiedQuery(guess.providerIds, guess.locationIds) : undefined;
    // A failed guess's read is still awaited below or dropped: never left to reject unobserved.
    early?.catch(() => undefined);
    rules = await rulesQuery;
    const providerIds = [...new Set(rules.candidates.map((c) => c.providerId))];
    const locationIds = [...new Set(rules.candidates.map((c) => c.locationId))];
    const covered =
      guess !== undefined &&
      providerIds.every((p) => guess.providerIds.includes(p)) &&
      locationIds.every((l) => guess.locationIds.includes(l));
    occupied = covered && early ? await early : await occupiedQuery(providerIds, locationIds);
    if (
      !covered ||
      guess.providerIds.length !== providerIds.length ||
      guess.locationIds.length !== locationIds.length
    ) {
      if (lastScope.size >= 1000) lastScope.clear();
      lastScope.set(key, { providerIds, locationIds });
    }
  }
  const type = q.type ?? rules.type;
  if (!type) throw new NotFound('No such appointment type.');
  const kinds = new Set(type.requiredResourceKinds);
  const byProvider = groupBy(occupied.providers, (b) => b.providerId);
  const byResource = groupBy(occupied.resources, (b) => b.resourceId);
  return {
    type,
    expiredHolds: occupied.expiredHolds,
    input: {
      type,
      candidates: rules.candidates.map((c) => ({
        ...c,
        blocks: byProvider.get(c.providerId) ?? [],
      })),
      resources: rules.resources
        .filter((r) => kinds.has(r.kind))
        .map((r) => ({ ...r, blocks: byResource.get(r.id) ?? [] })),
      holidays: rules.holidays,
      now: q.now,
      window: q.window,
      modality: q.modality,
    },
  };
}

const lastScope = new Map<string, { providerIds: string[]; locationIds: string[] }>();

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
