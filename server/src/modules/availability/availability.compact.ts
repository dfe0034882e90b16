import { Temporal } from 'temporal-polyfill';
import { formatInstant } from './availability.local-time.ts';
import type { Modality, Slot } from './availability.types.ts';

/**
 * The compact shape of an availability answer, for the portal's "days that have times, and the
 * times of the chosen day". Slots of one provider at one location offering the same modalities
 * share a group; each start is whole minutes from the range's start (an instant: add them to
 * `start` and show the result in any zone, DST days included). `days` gives each local date of
 * the range in the display zone with its bounds in the same minutes and how many distinct start
 * times it has, so a client needs no time-zone arithmetic to pick a day's times.
 */
export interface CompactAnswer {
  zone: string;
  /** First and last local date of the range, in the display zone. */
  from: string;
  to: string;
  /** Local midnight of `from` in the display zone (ISO 8601 with offset): minute 0. */
  start: string;
  /** Every slot's length (the visit, without buffers). */
  slotMinutes: number;
  days: { date: string; from: number; to: number; times: number }[];
  groups: { providerId: string; locationId: string; modalities: Modality[]; starts: number[] }[];
}

const MINUTE = 60_000;

/**
 * Groups the engine's slots (sorted by start, as computeSlots returns them) over a range of local
 * dates. Pure; `expandCompact` in the tests turns the result back into the slots.
 */
export function compactSlots(
  slots: readonly Slot[],
  range: {
    from: Temporal.PlainDate;
    to: Temporal.PlainDate;
    zone: string;
    window: { start: number; end: number };
  },
  slotMinutes: number,
): CompactAnswer {
  const origin = range.window.start;
  const minutes = (t: number) => (t - origin) / MINUTE;
  const groups = new Map<string, CompactAnswer['groups'][number]>();
  for (const s of slots) {
    const key = `${s.providerId}|${s.locationId}|${s.modalities.join(',')}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        providerId: s.providerId,
        locationId: s.locationId,
        modalities: s.modalities,
        starts: [],
      };
      groups.set(key, group);
    }
    group.starts.push(minutes(s.start));
  }
  const days: CompactAnswer['days'] = [];
  let i = 0;
  for (
    let date = range.from;
    Temporal.PlainDate.compare(date, range.to) <= 0;
    date = date.add({ days: 1 })
  ) {
    const from = date.toZonedDateTime({ timeZone: range.zone }).epochMilliseconds;
    const to = date.add({ days: 1 }).toZonedDateTime({ timeZone: range.zone }).epochMilliseconds;
    let times = 0;
    let last = Number.NaN;
    while (i < slots.length && slots[i]!.start < to) {
      const start = slots[i]!.start;
      if (start >= from && start !== last) times++;
      last = start;
      i++;
    }
    days.push({ date: date.toString(), from: minutes(from), to: minutes(to), times });
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      compare(a.providerId, b.providerId) ||
      compare(a.locationId, b.locationId) ||
      compare(a.modalities.join(), b.modalities.join()),
  );
  return {
    zone: range.zone,
    from: range.from.toString(),
    to: range.to.toString(),
    start: formatInstant(origin, range.zone),
    slotMinutes,
    days,
    groups: sorted,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
