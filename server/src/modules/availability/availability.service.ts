import { Temporal } from 'temporal-polyfill';
import type { Queryable } from '../../platform/db/db.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { organizationSetupVersion } from '../directory/directory.service.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import type { AvailabilityCache } from './availability.cache.ts';
import { computeSlots, firstAvailable } from './availability.engine.ts';
import { loadEngineInput } from './availability.loader.ts';
import type { Occupancy } from './availability.types.ts';

/** Where availability reads from: the database, and how booking's occupied time is read there. */
export interface AvailabilitySource {
  db: Queryable;
  occupancy: Occupancy;
}
import { formatInstant } from './availability.local-time.ts';
import { explain } from './availability.explain.ts';
import { compactSlots, type CompactAnswer } from './availability.compact.ts';
import type { Modality, Reason, Slot } from './availability.types.ts';

const DAY = 86_400_000;

const MAX_DAYS = 62;

export interface AvailabilityQuery {
  organization: string;
  appointmentTypeId: string;
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

/** What one query's slots came from: the engine's output and who it may change with. */
interface OpenSlots {
  organizationId: string;
  slots: Slot[];
  /** The providers whose booking changes drop the cached answer. */
  providerIds: string[];
  /** The type's duration: every slot's length. */
  slotMinutes: number;
}

/**
 * An answer from the cache, or computed and cached under its organization and providers. `shape`
 * keeps the full and compact answers of one query apart; the minute of `now` (the app's clock)
 * keeps a cached answer from outliving the notice it was computed with; the organization's setup
 * version (read first, one indexed row) keeps it from outliving a manager's change to hours,
 * types or scope — in this process and every other, since the version lives in the database.
 */
async function cached<T>(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  shape: string,
  q: AvailabilityQuery,
  now: number,
  compute: (organizationId: string) => Promise<{ answer: T; providerIds: string[] }>,
): Promise<T> {
  const { organizationId, setupVersion } = await organizationSetupVersion(src.db, q.organization);
  const key = JSON.stringify({ shape, ...q, setupVersion, minute: Math.floor(now / 60_000) });
  const hit = cache.get<T>(key);
  if (hit) return hit;
  const { answer, providerIds } = await compute(organizationId);
  cache.set(key, organizationId, providerIds, answer);
  return answer;
}

/** The engine's slots for a query: a date window, or the first slot in the booking horizon. */
async function openSlots(
  src: AvailabilitySource,
  organizationId: string,
  q: AvailabilityQuery,
  window: { start: number; end: number } | 'first',
  now: number,
): Promise<OpenSlots> {
  const base = {
    organizationId,
    appointmentTypeId: q.appointmentTypeId,
    providerIds: q.providers,
    locationIds: q.locations,
    modality: q.modality,
    now,
  };
  if (window !== 'first') {
    // A date window needs nothing from the type: it is read with the rules, in one statement.
    const { input, type } = await loadEngineInput(src.db, src.occupancy, { ...base, window });
    return {
      organizationId,
      slots: computeSlots(input),
      providerIds: input.candidates.map((c) => c.providerId),
      slotMinutes: type.durationMinutes,
    };
  }
  // The earliest slot in the horizon, a fortnight at a time: most answers need one read.
  const type = await getAppointmentType(src.db, organizationId, q.appointmentTypeId);
  const horizon = horizonWindow(type.horizonDays, now);
  let slots: Slot[] = [];
  let providerIds: string[] = [];
  for (let start = horizon.start; start < horizon.end && slots.length === 0; start += 14 * DAY) {
    const next = { start, end: Math.min(horizon.end, start + 14 * DAY) };
    const { input } = await loadEngineInput(src.db, src.occupancy, { ...base, type, window: next });
    slots = [firstAvailable(input)].filter((s) => s !== undefined);
    providerIds = input.candidates.map((c) => c.providerId);
  }
  return { organizationId, slots, providerIds, slotMinutes: type.durationMinutes };
}

/**
 * Open slots for a query, shown in the display zone. Public: slots carry provider, location and
 * modality only. `first` searches the whole booking horizon for the earliest slot. `now` is the
 * app's clock.
 */
export async function findAvailability(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  q: AvailabilityQuery,
  now: number,
): Promise<AvailabilityAnswer> {
  return cached(src, cache, 'full', q, now, async (organizationId) => {
    const open = await openSlots(
      src,
      organizationId,
      q,
      q.first ? 'first' : dateWindow(q, now).window,
      now,
    );
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
      slots: open.slots.map((s) => ({
        start: show(s.start),
        end: show(s.end),
        providerId: s.providerId,
        locationId: s.locationId,
        modalities: s.modalities,
      })),
    };
    return { answer, providerIds: open.providerIds };
  });
}

/**
 * The same slots as `findAvailability` for a date range, grouped for the portal
 * (availability.compact.ts): the days that have times, and each provider-location's start times
 * as minutes from the range's start.
 */
export async function findCompactAvailability(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  q: Omit<AvailabilityQuery, 'first'>,
  now: number,
): Promise<CompactAnswer> {
  const query = { ...q, first: false };
  return cached(src, cache, 'compact', query, now, async (organizationId) => {
    const range = dateWindow(query, now);
    const open = await openSlots(src, organizationId, query, range.window, now);
    const answer = compactSlots(open.slots, { ...range, zone: q.zone }, open.slotMinutes);
    return { answer, providerIds: open.providerIds };
  });
}

/**
 * Whether one time is bookable for a provider at a location, and if not, every rule or block that
 * excludes it (the engine's explain, over the same reads a booking's check makes).
 */
export async function explainTime(
  src: AvailabilitySource,
  organizationId: string,
  q: {
    appointmentTypeId: string;
    providerId: string;
    locationId: string;
    start: number;
    modality?: Modality | undefined;
  },
  now: number,
): Promise<{ bookable: boolean; reasons: Reason[] }> {
  const { input } = await loadEngineInput(src.db, src.occupancy, {
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
    from,
    to,
    window: {
      start: from.toZonedDateTime({ timeZone: q.zone }).epochMilliseconds,
      end: to.add({ days: 1 }).toZonedDateTime({ timeZone: q.zone }).epochMilliseconds,
    },
  };
}
