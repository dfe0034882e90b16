import {
  dayExistingInstant,
  dayInstant,
  localDateOf,
  localDaysBetween,
  minutesOf,
  offsetMs,
  type LocalDay,
} from './availability.local-time.ts';
import type {
  Candidate,
  EngineInput,
  EngineType,
  Interval,
  Modality,
  ResourceState,
  Slot,
} from './availability.types.ts';

/**
 * The availability engine: a pure function from rules, overrides, existing blocks, the
 * appointment type, resources, `now` and a window to bookable slots. README.md states its rules.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export type DayPlan =
  { kind: 'holiday' } | { kind: 'closed' } | { kind: 'open'; intervals: [number, number][] };

/** A candidate's working time on one local date, as merged [startMinute, endMinute) pairs. */
export function dayPlan(c: Candidate, day: LocalDay, holidays: ReadonlySet<string>): DayPlan {
  const iso = day.iso;
  if (holidays.has(iso)) return { kind: 'holiday' };
  const overrides = c.overrides.filter((o) => o.date === iso);
  let raw: [number, number][];
  if (overrides.length > 0) {
    raw = overrides
      .filter((o) => o.startTime !== null && o.endTime !== null)
      .map((o) => [minutesOf(o.startTime!), minutesOf(o.endTime!)]);
    if (raw.length === 0) return { kind: 'closed' };
  } else {
    raw = c.weekly
      .filter(
        (r) =>
          r.weekday === day.dayOfWeek &&
          (r.effectiveFrom === null || r.effectiveFrom <= iso) &&
          (r.effectiveTo === null || iso <= r.effectiveTo),
      )
      .map((r) => [minutesOf(r.startTime), minutesOf(r.endTime)]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of raw) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return { kind: 'open', intervals: merged };
}

/**
 * Slot starts inside one local working interval: aligned to the interval on the local clock
 * (minutes since local midnight), each appointment ending inside the interval.
 */
export function startsIn(
  day: LocalDay,
  [startMinute, endMinute]: [number, number],
  type: EngineType,
): number[] {
  const step = type.slotIntervalMinutes;
  const duration = type.durationMinutes * MINUTE;
  const intervalStart = dayInstant(day, startMinute);
  const intervalEnd = dayInstant(day, endMinute);
  // Without a UTC-offset change inside the interval, local minutes map to instants linearly.
  const linear =
    day.offset !== null || offsetMs(intervalStart, day.zone) === offsetMs(intervalEnd, day.zone);
  const starts: number[] = [];
  for (let m = Math.ceil(startMinute / step) * step; m < endMinute; m += step) {
    // Across an offset change, a wall time skipped by the gap is not a slot time.
    const start = linear ? intervalStart + (m - startMinute) * MINUTE : dayExistingInstant(day, m);
    if (start === undefined) continue;
    if (start + duration > intervalEnd) break;
    if (start >= intervalStart && start > (starts.at(-1) ?? -Infinity)) starts.push(start);
  }
  return starts;
}

/** Sorted, disjoint union of intervals: overlap checks become one binary search. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = out.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

/** Whether [start, end) overlaps any interval of a merged list. Touching is not overlapping. */
export function overlapsMerged(merged: readonly Interval[], start: number, end: number): boolean {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < merged.length && merged[lo]!.start < end;
}

/** The time a new appointment at `start` would occupy, buffers included. */
export function spanOf(type: EngineType, start: number): Interval {
  return {
    start: start - type.bufferBeforeMinutes * MINUTE,
    end: start + (type.durationMinutes + type.bufferAfterMinutes) * MINUTE,
  };
}

export function baseModalities(input: EngineInput, c: Candidate): Modality[] {
  return input.type.modalities.filter(
    (m) =>
      (m === 'in_person' ? c.inPerson : c.telehealth) &&
      (input.modality === undefined || input.modality === m),
  );
}

export interface ResourceIndex {
  /** Per location and kind, the resources sorted by name with their merged blocks. */
  get(locationId: string, kind: string): { resource: ResourceState; busy: Interval[] }[];
}

export function indexResources(resources: readonly ResourceState[]): ResourceIndex {
  const map = new Map<string, { resource: ResourceState; busy: Interval[] }[]>();
  const sorted = [...resources].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  for (const resource of sorted) {
    const key = `${resource.locationId}\u0000${resource.kind}`;
    const list = map.get(key) ?? [];
    list.push({ resource, busy: mergeIntervals(resource.blocks) });
    map.set(key, list);
  }
  return { get: (locationId, kind) => map.get(`${locationId}\u0000${kind}`) ?? [] };
}

/**
 * The modalities a slot can offer given resources: an in-person visit needs one free resource of
 * each required kind at the location. Returns the chosen resources and the kinds that ran out.
 */
export function offer(
  input: EngineInput,
  c: Candidate,
  span: Interval,
  resources: ResourceIndex,
): { modalities: Modality[]; resourceIds: string[]; exhaustedKinds: string[] } {
  const modalities = baseModalities(input, c);
  const resourceIds: string[] = [];
  const exhaustedKinds: string[] = [];
  if (modalities.includes('in_person')) {
    for (const kind of input.type.requiredResourceKinds) {
      const free = resources
        .get(c.locationId, kind)
        .find((r) => !overlapsMerged(r.busy, span.start, span.end));
      if (free) resourceIds.push(free.resource.id);
      else exhaustedKinds.push(kind);
    }
  }
  if (exhaustedKinds.length > 0) {
    return {
      modalities: modalities.filter((m) => m !== 'in_person'),
      resourceIds: [],
      exhaustedKinds,
    };
  }
  return { modalities, resourceIds, exhaustedKinds };
}

/** The earliest and latest start the type's notice and horizon allow. */
export function bookableRange(type: EngineType, now: number): Interval {
  return { start: now + type.minNoticeMinutes * MINUTE, end: now + type.horizonDays * DAY };
}

/** Every bookable slot in the window, ordered by start, then provider, then location. */
export function computeSlots(
  input: EngineInput,
  opts: { limitPerCandidate?: number } = {},
): Slot[] {
  const { type, window } = input;
  const holidays = new Set(input.holidays);
  const range = bookableRange(type, input.now);
  const from = Math.max(window.start, range.start);
  const to = Math.min(window.end, range.end);
  if (from >= to) return [];
  const resources = indexResources(input.resources);
  const limit = opts.limitPerCandidate ?? Infinity;
  const before = type.bufferBeforeMinutes * MINUTE;
  const after = (type.durationMinutes + type.bufferAfterMinutes) * MINUTE;
  const slots: Slot[] = [];
  // Candidates in provider, then location order, so that a stable sort by start alone (numbers,
  // not ten thousand string comparisons) leaves slots at the same time in that order.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const candidates = [...input.candidates].sort(
    (a, b) => cmp(a.providerId, b.providerId) || cmp(a.locationId, b.locationId),
  );
  for (const c of candidates) {
    const base = baseModalities(input, c);
    if (base.length === 0) continue;
    const needsResources = base.includes('in_person') && type.requiredResourceKinds.length > 0;
    const busy = mergeIntervals([...c.blocks, ...c.timeOff]);
    let found = 0;
    days: for (const day of localDaysBetween(from, to, c.timeZone)) {
      const plan = dayPlan(c, day, holidays);
      if (plan.kind !== 'open') continue;
      for (const interval of plan.intervals) {
        for (const start of startsIn(day, interval, type)) {
          if (start < from) continue;
          if (start >= to) break days;
          // The span's bounds as numbers: no object for each of the tens of thousands of starts.
          if (overlapsMerged(busy, start - before, start + after)) continue;
          const o = needsResources
            ? offer(input, c, spanOf(type, start), resources)
            : { modalities: base, resourceIds: [] };
          if (o.modalities.length === 0) continue;
          slots.push({
            start,
            end: start + type.durationMinutes * MINUTE,
            providerId: c.providerId,
            locationId: c.locationId,
            modalities: o.modalities,
            resourceIds: o.resourceIds,
          });
          if (++found >= limit) break days;
        }
      }
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

/** The earliest slot across every candidate (the "first available" search). */
export function firstAvailable(input: EngineInput): Slot | undefined {
  return computeSlots(input, { limitPerCandidate: 1 })[0];
}

export { localDateOf };
