import { describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { expandRule, formatRule, parseRule, RuleError } from './booking.series-rule.ts';

const NY = 'America/New_York';
const ny = (local: string) =>
  Temporal.PlainDateTime.from(local).toZonedDateTime(NY).epochMilliseconds;
const local = (ms: number, zone = NY) =>
  Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone).toPlainDateTime().toString();

describe('series rules (RRULE subset)', () => {
  it('a weekly Tuesday 10:00 New York series stays 10:00 local across the March change', () => {
    const starts = expandRule(
      parseRule('FREQ=WEEKLY;BYDAY=TU;COUNT=12'),
      ny('2027-02-16T10:00'),
      NY,
    );
    expect(starts).toHaveLength(12);
    expect(starts.map((s) => local(s).slice(11, 16))).toEqual(Array(12).fill('10:00'));
    // 10:00 EST is 15:00Z before 14 March 2027, 10:00 EDT is 14:00Z after: the instant moves.
    expect(new Date(starts[0]!).toISOString()).toBe('2027-02-16T15:00:00.000Z');
    expect(new Date(starts[11]!).toISOString()).toBe('2027-05-04T14:00:00.000Z');
    expect(starts.every((s) => new Date(s).getUTCDay() === 2)).toBe(true);
  });

  it('and across the November change', () => {
    const starts = expandRule(
      parseRule('FREQ=WEEKLY;BYDAY=TU;UNTIL=20271201T000000Z'),
      ny('2027-10-19T10:00'),
      NY,
    );
    expect(starts.map((s) => local(s))).toEqual([
      '2027-10-19T10:00:00',
      '2027-10-26T10:00:00',
      '2027-11-02T10:00:00',
      '2027-11-09T10:00:00',
      '2027-11-16T10:00:00',
      '2027-11-23T10:00:00',
      '2027-11-30T10:00:00',
    ]);
    expect(new Date(starts[2]!).toISOString()).toBe('2027-11-02T14:00:00.000Z');
    expect(new Date(starts[3]!).toISOString()).toBe('2027-11-09T15:00:00.000Z');
  });

  it('every other week on Monday and Thursday, starting mid-week', () => {
    const starts = expandRule(
      parseRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH,MO;COUNT=5'),
      ny('2027-01-06T09:30'), // a Wednesday: its week's Monday is before it, Thursday counts
      NY,
    );
    expect(starts.map((s) => local(s).slice(0, 10))).toEqual([
      '2027-01-07',
      '2027-01-18',
      '2027-01-21',
      '2027-02-01',
      '2027-02-04',
    ]);
  });

  it('daily and monthly; a month without the day has no occurrence', () => {
    expect(
      expandRule(parseRule('FREQ=DAILY;INTERVAL=3;COUNT=3'), ny('2027-03-13T08:00'), NY).map((s) =>
        local(s),
      ),
    ).toEqual(['2027-03-13T08:00:00', '2027-03-16T08:00:00', '2027-03-19T08:00:00']);
    expect(
      expandRule(parseRule('FREQ=MONTHLY;COUNT=3'), ny('2027-01-31T11:00'), NY).map((s) =>
        local(s).slice(0, 10),
      ),
    ).toEqual(['2027-01-31', '2027-03-31', '2027-05-31']);
  });

  it('a wall time the spring gap skips moves forward an hour', () => {
    const starts = expandRule(parseRule('FREQ=DAILY;COUNT=3'), ny('2027-03-13T02:30'), NY);
    expect(starts.map((s) => local(s))).toEqual([
      '2027-03-13T02:30:00',
      '2027-03-14T03:30:00',
      '2027-03-15T02:30:00',
    ]);
  });

  it('formats what it parses, and an UNTIL survives the round trip', () => {
    const r = parseRule('RRULE:freq=weekly;byday=tu,mo;until=20270301T150000Z;interval=2');
    expect(formatRule(r)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU;UNTIL=20270301T150000Z');
    expect(parseRule(formatRule(r))).toEqual(r);
  });

  it.each([
    ['FREQ=YEARLY;COUNT=2', 'FREQ'],
    ['FREQ=WEEKLY', 'COUNT or UNTIL'],
    ['FREQ=WEEKLY;COUNT=2;UNTIL=20270101', 'together'],
    ['FREQ=WEEKLY;COUNT=500', 'at most'],
    ['FREQ=WEEKLY;BYDAY=2TU;COUNT=2', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=TU;COUNT=2', 'WEEKLY only'],
    ['FREQ=WEEKLY;BYSETPOS=1;COUNT=2', 'not supported'],
    ['FREQ=WEEKLY;COUNT=0', '≥ 1'],
    ['FREQ=WEEKLY;UNTIL=20270231', 'no date'],
  ])('refuses %s', (text, why) => {
    expect(() => parseRule(text)).toThrow(RuleError);
    expect(() => parseRule(text)).toThrow(why);
  });

  it('an UNTIL far away is refused past the cap rather than expanded for ever', () => {
    const r = parseRule('FREQ=DAILY;UNTIL=20350101');
    expect(() => expandRule(r, ny('2027-01-01T10:00'), NY)).toThrow('more than');
  });
});
