import { describe, expect, it } from 'vitest';
import { fits, localParts } from './waitlist.match.ts';

const entry = {
  location_ids: [] as string[],
  modality: null,
  from_date: '2030-03-01',
  to_date: '2030-03-31',
  windows: [] as number[],
};
const slot = (iso: string) => ({
  locationId: 'loc-a',
  modality: 'in_person' as const,
  start: new Date(iso),
  zone: 'America/New_York',
});

describe('whether a freed slot suits an entry', () => {
  it('reads dates and windows in the location’s zone, across the spring DST change', () => {
    // 10 March 2030 is the first day of daylight time in New York: 09:30 local is 13:30 UTC.
    expect(localParts(new Date('2030-03-10T13:30:00Z'), 'America/New_York')).toEqual({
      date: '2030-03-10',
      minute: 9 * 60 + 30,
    });
    const mornings = { ...entry, windows: [0, 12 * 60] };
    expect(fits(mornings, slot('2030-03-10T13:30:00Z'))).toBe(true);
    // 23:30 UTC on 31 March is 19:30 in New York: in range, but not a morning.
    expect(fits(mornings, slot('2030-03-31T23:30:00Z'))).toBe(false);
    // 02:00 UTC on 1 April is still 31 March in New York: inside the date range.
    expect(fits(entry, slot('2030-04-01T02:00:00Z'))).toBe(true);
    expect(fits(entry, slot('2030-04-01T05:00:00Z'))).toBe(false);
  });

  it('keeps to the places and modality asked for, and to earlier than a visit being moved', () => {
    expect(fits({ ...entry, location_ids: ['loc-b'] }, slot('2030-03-12T15:00:00Z'))).toBe(false);
    expect(fits({ ...entry, modality: 'telehealth' }, slot('2030-03-12T15:00:00Z'))).toBe(false);
    const visit = new Date('2030-03-12T15:00:00Z');
    expect(fits(entry, slot('2030-03-12T15:00:00Z'), visit)).toBe(false);
    expect(fits(entry, slot('2030-03-11T15:00:00Z'), visit)).toBe(true);
  });
});
