import { describe, expect, it } from 'vitest';
import type { CompactAvailability } from '../../api/types.ts';
import {
  addDays,
  allTimes,
  daysWithTimes,
  localDate,
  nearestTimes,
  timesChange,
  timesOfDay,
} from './slots.ts';

// Two local days in New York from midnight of 8 March 2027 (EST, -05:00); the second is 24 h.
const answer: CompactAvailability = {
  zone: 'America/New_York',
  from: '2027-03-08',
  to: '2027-03-10',
  start: '2027-03-08T05:00:00.000Z',
  slotMinutes: 20,
  days: [
    { date: '2027-03-08', from: 0, to: 1440, times: 2 },
    { date: '2027-03-09', from: 1440, to: 2880, times: 1 },
    { date: '2027-03-10', from: 2880, to: 4320, times: 0 },
  ],
  groups: [
    { providerId: 'p1', locationId: 'l1', modalities: ['in_person'], starts: [540, 560, 1980] },
    { providerId: 'p2', locationId: 'l1', modalities: ['in_person'], starts: [540] },
  ],
};

describe('times from the compact answer', () => {
  it('lists the days that have times', () => {
    expect(daysWithTimes(answer)).toEqual(['2027-03-08', '2027-03-09']);
  });

  it('gives the distinct times of a day as instants, with a provider who has each', () => {
    const times = timesOfDay(answer, '2027-03-08');
    expect(times.map((t) => t.start)).toEqual([
      '2027-03-08T14:00:00.000Z',
      '2027-03-08T14:20:00.000Z',
    ]);
    expect(times[0]!.providerId).toBe('p1');
    expect(timesOfDay(answer, '2027-03-08', ['p2'])[0]!.providerId).toBe('p2');
    expect(timesOfDay(answer, '2027-03-10')).toEqual([]);
    expect(timesOfDay(answer, '2031-01-01')).toEqual([]);
  });

  it('finds the nearest times to one that was lost, nearest first', () => {
    const lost = Date.parse('2027-03-08T14:20:00.000Z');
    const near = nearestTimes(allTimes(answer), lost, 2).map((t) => t.start);
    expect(near).toEqual(['2027-03-08T14:20:00.000Z', '2027-03-08T14:00:00.000Z']);
  });

  it('counts the times that went and came between two polls', () => {
    expect(timesChange(['a', 'b', 'c'], ['b', 'c', 'd', 'e'])).toEqual({ gone: 1, added: 2 });
    expect(timesChange(['a'], ['a'])).toEqual({ gone: 0, added: 0 });
  });

  it('does date arithmetic on dates, and reads a date in a zone', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
    expect(localDate(Date.parse('2027-03-08T03:00:00Z'), 'America/New_York')).toBe('2027-03-07');
    expect(localDate(Date.parse('2027-03-08T03:00:00Z'), 'UTC')).toBe('2027-03-08');
  });
});
