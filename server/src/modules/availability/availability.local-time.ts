import { Temporal } from 'temporal-polyfill';

/** Wall-clock ↔ instant conversions for the engine, in one place. */

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The instant of a local date and minute of day in a zone. A wall time skipped by a DST gap moves
 * forward by the gap; a repeated one takes its first occurrence (Temporal's 'compatible').
 */
export function localInstant(date: Temporal.PlainDate, minuteOfDay: number, zone: string): number {
  return date
    .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** Like localInstant, but undefined for a wall time that a DST gap skips. */
export function existingInstant(
  date: Temporal.PlainDate,
  minuteOfDay: number,
  zone: string,
): number | undefined {
  try {
    return date
      .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
      .toZonedDateTime(zone, { disambiguation: 'reject' }).epochMilliseconds;
  } catch {
    return undefined;
  }
}

export function localDateOf(instant: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
}

export function localMinuteOf(instant: number, zone: string): number {
  const z = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
  return z.hour * 60 + z.minute;
}

export function offsetMs(instant: number, zone: string): number {
  return (
    Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).offsetNanoseconds / 1e6
  );
}

/** Local dates from the one containing `start` to the one containing `end`, inclusive. */
export function localDates(start: number, end: number, zone: string): Temporal.PlainDate[] {
  const first = localDateOf(start, zone);
  const last = localDateOf(end, zone);
  const dates: Temporal.PlainDate[] = [];
  for (let d = first; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 }))
    dates.push(d);
  return dates;
}

/**
 * An instant as an ISO 8601 date-time with the offset of the display zone. Offsets change only on
 * quarter-hour boundaries, so the offset is looked up once per zone and quarter hour.
 */
export function formatInstant(instant: number, zone: string): string {
  const key = `${zone}|${Math.floor(instant / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetMs(instant, zone);
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  const local = new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

const offsets = new Map<string, number>();

/**
 * A local date in a zone, with what the engine needs to map its wall times to instants cheaply:
 * when the UTC offset is the same all day (every day but a transition day), a wall time is plain
 * arithmetic. Memoized: the same zone and date recur across candidates and queries.
 */
export interface LocalDay {
  date: Temporal.PlainDate;
  iso: string;
  dayOfWeek: number;
  zone: string;
  /** The day's UTC offset in ms when constant all day; null on a transition day. */
  offset: number | null;
  midnightUtc: number;
}

const days = new Map<string, LocalDay>();

export function localDay(date: Temporal.PlainDate, zone: string): LocalDay {
  const iso = date.toString();
  const key = `${zone}|${iso}`;
  const known = days.get(key);
  if (known) return known;
  const startOffset = offsetMs(localInstant(date, 0, zone), zone);
  const endOffset = offsetMs(localInstant(date.add({ days: 1 }), 0, zone), zone);
  const day: LocalDay = {
    date,
    iso,
    dayOfWeek: date.dayOfWeek,
    zone,
    offset: startOffset === endOffset ? startOffset : null,
    midnightUtc: Date.UTC(date.year, date.month - 1, date.day),
  };
  if (days.size > 20_000) days.clear();
  days.set(key, day);
  return day;
}

/** localInstant for a LocalDay: arithmetic on ordinary days, Temporal on transition days. */
export function dayInstant(day: LocalDay, minuteOfDay: number): number {
  return day.offset !== null
    ? day.midnightUtc + minuteOfDay * 60_000 - day.offset
    : localInstant(day.date, minuteOfDay, day.zone);
}

/** existingInstant for a LocalDay. */
export function dayExistingInstant(day: LocalDay, minuteOfDay: number): number | undefined {
  return day.offset !== null
    ? day.midnightUtc + minuteOfDay * 60_000 - day.offset
    : existingInstant(day.date, minuteOfDay, day.zone);
}

/** The LocalDays from the one containing `start` to the one containing `end`. */
export function localDaysBetween(start: number, end: number, zone: string): LocalDay[] {
  const key = `${zone}|${start}|${end}`;
  const known = spans.get(key);
  if (known) return known;
  const list = localDates(start, end, zone).map((d) => localDay(d, zone));
  if (spans.size > 1000) spans.clear();
  spans.set(key, list);
  return list;
}

const spans = new Map<string, LocalDay[]>();
