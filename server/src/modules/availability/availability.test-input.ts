import { Temporal } from 'temporal-polyfill';
import type { Candidate, EngineInput, EngineType } from './availability.types.ts';

/** Builders for engine tests: a provider working every day, a plain 30-minute visit. */

export const visit: EngineType = {
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 365,
  slotIntervalMinutes: 30,
  modalities: ['in_person', 'telehealth'],
  requiredResourceKinds: [],
};

export function everyDay(startTime: string, endTime: string) {
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    startTime,
    endTime,
    effectiveFrom: null,
    effectiveTo: null,
  }));
}

export function provider(zone: string, over: Partial<Candidate> = {}): Candidate {
  return {
    providerId: 'p1',
    providerName: 'Dr. Rivera',
    locationId: 'l1',
    timeZone: zone,
    inPerson: true,
    telehealth: true,
    weekly: everyDay('09:00', '17:00'),
    overrides: [],
    timeOff: [],
    blocks: [],
    ...over,
  };
}

export const at = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

/** The whole local day `date` in `zone`, as a window. */
export function localDay(date: string, zone: string) {
  const d = Temporal.PlainDate.from(date);
  return {
    start: d.toZonedDateTime({ timeZone: zone }).epochMilliseconds,
    end: d.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds,
  };
}

export function input(over: Partial<EngineInput> & Pick<EngineInput, 'window'>): EngineInput {
  return {
    type: visit,
    candidates: [provider('America/New_York')],
    resources: [],
    holidays: [],
    now: at('2026-01-01T00:00:00Z'),
    ...over,
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
