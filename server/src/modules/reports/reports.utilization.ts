import { Temporal } from 'temporal-polyfill';
import { dayPlan, mergeIntervals } from '../availability/availability.engine.ts';
import { dayInstant, localDay } from '../availability/availability.local-time.ts';
import type { Interval } from '../availability/availability.types.ts';
import type { BookedMinutes } from '../booking/booking.reports.ts';
import type { WorkingTime } from '../directory/directory.working-time.ts';
import type { UtilizationReport } from './reports.schema.ts';

type Schedule = WorkingTime['schedules'][number];

/**
 * A provider's working minutes at a location over local dates `from`..`to`, by the availability
 * engine's own reading of the rules (`dayPlan`: holidays, date overrides, weekly hours in effect),
 * in the location's zone (a DST day is 23 or 25 hours long), less their time off.
 */
export function workingMinutes(
  s: Schedule,
  timeZone: string,
  range: { from: string; to: string },
  holidays: ReadonlySet<string>,
): number {
  const candidate = {
    providerId: s.providerId,
    providerName: s.providerName,
    locationId: s.locationId,
    timeZone,
    inPerson: true,
    telehealth: true,
    weekly: s.weekly,
    overrides: s.overrides,
    timeOff: s.timeOff,
    blocks: [],
  };
  const off = mergeIntervals(s.timeOff);
  const last = Temporal.PlainDate.from(range.to);
  let ms = 0;
  for (let d = Temporal.PlainDate.from(range.from); Temporal.PlainDate.compare(d, last) <= 0;) {
    const day = localDay(d, timeZone);
    const plan = dayPlan(candidate, day, holidays);
    if (plan.kind === 'open') {
      for (const [start, end] of plan.intervals) {
        ms += lessTimeOff({ start: dayInstant(day, start), end: dayInstant(day, end) }, off);
      }
    }
    d = d.add({ days: 1 });
  }
  return Math.round(ms / 60_000);
}

/** The length of an interval not covered by the (merged) time off. */
function lessTimeOff(w: Interval, off: readonly Interval[]): number {
  let length = w.end - w.start;
  for (const t of off) {
    length -= Math.max(0, Math.min(w.end, t.end) - Math.max(w.start, t.start));
  }
  return length;
}

const ratio = (booked: number, available: number) => (available > 0 ? booked / available : null);

/**
 * Utilization per provider and location, per location, and in total: booked visit minutes over
 * working minutes. A provider with bookings but no hours in the range shows 0 available minutes
 * and no ratio.
 */
export function utilization(
  working: WorkingTime,
  booked: readonly BookedMinutes[],
  providerName: (providerId: string) => string,
  range: { from: string; to: string },
): Omit<UtilizationReport, 'from' | 'to' | 'locationId'> {
  const zones = new Map(working.locations.map((l) => [l.id, l]));
  const holidays = new Set(working.holidays);
  const rows = new Map<string, UtilizationReport['providers'][number]>();
  const key = (providerId: string, locationId: string) => `${providerId}|${locationId}`;
  for (const s of working.schedules) {
    const location = zones.get(s.locationId)!;
    rows.set(key(s.providerId, s.locationId), {
      providerId: s.providerId,
      providerName: s.providerName,
      locationId: s.locationId,
      locationName: location.name,
      availableMinutes: workingMinutes(s, location.timeZone, range, holidays),
      bookedMinutes: 0,
      utilization: null,
    });
  }
  for (const b of booked) {
    const row = rows.get(key(b.providerId, b.locationId)) ?? {
      providerId: b.providerId,
      providerName: providerName(b.providerId),
      locationId: b.locationId,
      locationName: zones.get(b.locationId)!.name,
      availableMinutes: 0,
      bookedMinutes: 0,
      utilization: null,
    };
    row.bookedMinutes += b.minutes;
    rows.set(key(b.providerId, b.locationId), row);
  }
  const providers = [...rows.values()].map((r) => ({
    ...r,
    utilization: ratio(r.bookedMinutes, r.availableMinutes),
  }));
  providers.sort(
    (a, b) =>
      a.locationName.localeCompare(b.locationName) ||
      a.providerName.localeCompare(b.providerName) ||
      a.providerId.localeCompare(b.providerId),
  );
  const locations = working.locations
    .map((l) => {
      const here = providers.filter((p) => p.locationId === l.id);
      const available = here.reduce((n, p) => n + p.availableMinutes, 0);
      const bookedHere = here.reduce((n, p) => n + p.bookedMinutes, 0);
      return {
        locationId: l.id,
        locationName: l.name,
        availableMinutes: available,
        bookedMinutes: bookedHere,
        utilization: ratio(bookedHere, available),
      };
    })
    .filter((l) => l.availableMinutes > 0 || l.bookedMinutes > 0);
  const available = locations.reduce((n, l) => n + l.availableMinutes, 0);
  const bookedTotal = locations.reduce((n, l) => n + l.bookedMinutes, 0);
  return {
    providers,
    locations,
    total: {
      availableMinutes: available,
      bookedMinutes: bookedTotal,
      utilization: ratio(bookedTotal, available),
    },
  };
}
