import { Temporal } from 'temporal-polyfill';
import type { Queryable } from '../../platform/db/db.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { organizationIdBySlug } from '../directory/directory.service.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import type { AvailabilityCache } from './availability.cache.ts';
import { computeSlots, firstAvailable } from './availability.engine.ts';
import { loadEngineInput } from './availability.loader.ts';
import { formatInstant } from './availability.local-time.ts';
import { explain } from './availability.explain.ts';
import type { Modality, Reason, Slot } from './availability.types.ts';

const DAY = 86_400_000;

const MAX_DAYS = 62;

export interface AvailabilityQuery {
  organization: string;
  appointmentType: string;
  providers?: string[] | undefined;
  locations?: string[] | undefined;
  modality?: Modality | undefined;
  /** Local dates in the display zone, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  zone: string;
  first: boolean;
}

export interface ShownSlot {
  start: string;
  end: string;
  providerId: string;
  locationId: string;
  modalities: Modality[];
}

export interface AvailabilityAnswer {
  zone: string;
  slots: ShownSlot[];
}

/**
 * Open slots for a query, shown in the display zone. Public: slots carry provider, location and
 * modality only. `first` searches the whole booking horizon for the earliest slot.
 */
export async function findAvailability(
  db: Queryable,
  cache: AvailabilityCache,
  q: AvailabilityQuery,
  now = Date.now(),
): Promise<AvailabilityAnswer> {
  const key = JSON.stringify({ ...q, minute: Math.floor(now / 60_000) });
  const cached = cache.get<AvailabilityAnswer>(key);
  if (cached) return cached;
  const orgId = await organizationIdBySlug(db, q.organization);
  const base = {
    organizationId: orgId,
    appointmentTypeId: q.appointmentType,
    providerIds: q.providers,
    locationIds: q.locations,
    modality: q.modality,
    now,
  };
  let slots: Slot[];
  let providerIds: string[];
  if (q.first) {
    // The earliest slot in the horizon, a fortnight at a time: most answers need one read.
    const type = await getAppointmentType(db, orgId, q.appointmentType);
    const horizon = horizonWindow(type.horizonDays, now);
    slots = [];
    providerIds = [];
    for (let start = horizon.start; start < horizon.end && slots.length === 0; start += 14 * DAY) {
      const window = { start, end: Math.min(horizon.end, start + 14 * DAY) };
      const { input } = await loadEngineInput(db, { ...base, type, window });
      slots = [firstAvailable(input)].filter((s) => s !== undefined);
      providerIds = input.candidates.map((c) => c.providerId);
    }
  } else {
    // A date window needs nothing from the type: it is read with the rules, in one statement.
    const { input } = await loadEngineInput(db, { ...base, window: dateWindow(q, now) });
    slots = computeSlots(input);
    providerIds = input.candidates.map((c) => c.providerId);
  }
  // Many slots share a time (one per provider): format each instant once.
  const shown = new Map<number, string>();
  const show = (t: number) => {
    let text = shown.get(t);
    if (text === undefined) shown.set(t, (text = formatInstant(t, q.zone)));
    return text;
  };
  // The route's writer finds each slot's parts again by these strings: one string per instant.
  const answer: AvailabilityAnswer = {
    zone: q.zone,
    slots: slots.map((s) => ({
      start: show(s.start),
      end: show(s.end),
      providerId: s.providerId,
      locationId: s.locationId,
      modalities: s.modalities,
    })),
  };
  cache.set(key, orgId, providerIds, answer);
  return answer;
}

/**
 * Whether one time is bookable for a provider at a location, and if not, every rule or block that
 * excludes it (the engine's explain, over the same reads a booking's check makes).
 */
export async function explainTime(
  db: Queryable,
  organizationId: string,
  q: {
    appointmentTypeId: string;
    providerId: string;
    locationId: string;
    start: number;
    modality?: Modality | undefined;
  },
  now = Date.now(),
): Promise<{ bookable: boolean; reasons: Reason[] }> {
  const { input } = await loadEngineInput(db, {
    organizationId,
    appointmentTypeId: q.appointmentTypeId,
    providerIds: [q.providerId],
    locationIds: [q.locationId],
    modality: q.modality,
    window: { start: q.start, end: q.start + 1 },
    now,
    detailed: true,
  });
  const reasons = explain(input, q);
  return { bookable: reasons.length === 0, reasons };
}

function horizonWindow(horizonDays: number, now: number) {
  return { start: now, end: now + horizonDays * 86_400_000 };
}

function dateWindow(q: AvailabilityQuery, now: number) {
  const today = Temporal.Instant.fromEpochMilliseconds(now)
    .toZonedDateTimeISO(q.zone)
    .toPlainDate();
  const from = q.from ? Temporal.PlainDate.from(q.from) : today;
  const to = q.to ? Temporal.PlainDate.from(q.to) : from.add({ days: 13 });
  const days = from.until(to, { largestUnit: 'days' }).days;
  if (days < 0) {
    throw new Invalid('The date range ends before it starts.', [
      { pointer: '/query/to', detail: 'before from' },
    ]);
  }
  if (days >= MAX_DAYS) {
    throw new Invalid(`Ask for at most ${MAX_DAYS} days at a time.`, [
      { pointer: '/query/to', detail: `at most ${MAX_DAYS} days after from` },
    ]);
  }
  return {
    start: from.toZonedDateTime({ timeZone: q.zone }).epochMilliseconds,
    end: to.add({ days: 1 }).toZonedDateTime({ timeZone: q.zone }).epochMilliseconds,
  };
}
