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

/** An instant as an ISO 8601 date-time with the offset of the display zone. */
export function formatInstant(instant: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}
