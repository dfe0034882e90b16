import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { computeSlots } from './availability.engine.ts';
import { explain } from './availability.explain.ts';
import { formatInstant } from './availability.local-time.ts';
import { at, provider } from './availability.test-input.ts';
import type { EngineInput, WeeklyRule } from './availability.types.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const zones = [
  'America/New_York',
  'America/Phoenix',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Europe/London',
  'UTC',
];
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

// Working hours start at 05:00 or later: every DST transition of these zones happens earlier in
// the night, and the named tests cover shifts that span one.
const rule = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 20, max: 80 }).map((q) => q * 15),
    length: fc.integer({ min: 2, max: 40 }).map((q) => q * 15),
  })
  .map(({ weekday, start, length }): WeeklyRule => ({
    weekday,
    startTime: hhmm(start),
    endTime: hhmm(Math.min(start + length, 23 * 60)),
    effectiveFrom: null,
    effectiveTo: null,
  }));

const scenario = fc
  .record({
    zone: fc.constantFrom(...zones),
    displayZone: fc.constantFrom(...zones),
    duration: fc.constantFrom(10, 15, 20, 30, 45, 60),
    interval: fc.constantFrom(5, 10, 15, 30, 60),
    bufferBefore: fc.integer({ min: 0, max: 30 }),
    bufferAfter: fc.integer({ min: 0, max: 30 }),
    notice: fc.integer({ min: 0, max: 48 * 60 }),
    horizon: fc.integer({ min: 1, max: 20 }),
    weekly: fc.array(rule, { minLength: 1, maxLength: 8 }),
    nowOffsetMinutes: fc.integer({ min: 0, max: 60 * 24 * 60 }),
    windowLead: fc.integer({ min: -2 * 24 * 60, max: 3 * 24 * 60 }),
    windowDays: fc.integer({ min: 1, max: 14 }),
    blocks: fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 16 * 24 * 4 }),
        length: fc.integer({ min: 1, max: 8 }),
        before: fc.integer({ min: 0, max: 2 }),
        after: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map((s): EngineInput & { displayZone: string } => {
    const now = at('2026-03-01T00:00:00Z') + s.nowOffsetMinutes * MINUTE;
    const windowStart = now + s.windowLead * MINUTE;
    const blocks = s.blocks.map((b) => {
      const appointmentStart = windowStart + b.offset * 15 * MINUTE;
      const appointmentEnd = appointmentStart + b.length * 15 * MINUTE;
      return {
        appointmentStart,
        appointmentEnd,
        start: appointmentStart - b.before * 5 * MINUTE,
        end: appointmentEnd + b.after * 5 * MINUTE,
      };
    });
    return {
      displayZone: s.displayZone,
      type: {
        durationMinutes: s.duration,
        bufferBeforeMinutes: s.bufferBefore,
        bufferAfterMinutes: s.bufferAfter,
        minNoticeMinutes: s.notice,
        horizonDays: s.horizon,
        slotIntervalMinutes: s.interval,
        modalities: ['in_person'],
        requiredResourceKinds: [],
      },
      candidates: [provider(s.zone, { weekly: s.weekly, blocks })],
      resources: [],
      holidays: [],
      now,
      window: { start: windowStart, end: windowStart + s.windowDays * DAY },
    };
  });

/** Minutes of each ISO weekday covered by some rule: an independent reading of the rules. */
function coverage(weekly: readonly WeeklyRule[]) {
  const covered = Array.from({ length: 8 }, () => new Array<boolean>(1440).fill(false));
  const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  for (const r of weekly)
    for (let m = min(r.startTime); m < min(r.endTime); m++) covered[r.weekday]![m] = true;
  return covered;
}

const runs = { numRuns: 150 };

describe('properties of the availability engine', () => {
  it('no offered slot, with its buffers, overlaps an existing block or its buffers', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const c = input.candidates[0]!;
        for (const s of computeSlots(input)) {
          const start = s.start - input.type.bufferBeforeMinutes * MINUTE;
          const end = s.end + input.type.bufferAfterMinutes * MINUTE;
          for (const b of c.blocks) expect(start < b.end && end > b.start).toBe(false);
        }
      }),
      runs,
    );
  });

  it('every slot lies inside working hours, the window, the notice and the horizon, aligned to the interval', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const c = input.candidates[0]!;
        const covered = coverage(c.weekly);
        for (const s of computeSlots(input)) {
          const local = Temporal.Instant.fromEpochMilliseconds(s.start).toZonedDateTimeISO(
            c.timeZone,
          );
          const localEnd = Temporal.Instant.fromEpochMilliseconds(s.end).toZonedDateTimeISO(
            c.timeZone,
          );
          const from = local.hour * 60 + local.minute;
          const to = localEnd.hour * 60 + localEnd.minute;
          expect(localEnd.toPlainDate().equals(local.toPlainDate())).toBe(true);
          for (let m = from; m < to; m++) expect(covered[local.dayOfWeek]![m]).toBe(true);
          expect(from % input.type.slotIntervalMinutes).toBe(0);
          expect(s.end - s.start).toBe(input.type.durationMinutes * MINUTE);
          expect(s.start).toBeGreaterThanOrEqual(input.window.start);
          expect(s.start).toBeLessThan(input.window.end);
          expect(s.start).toBeGreaterThanOrEqual(input.now + input.type.minNoticeMinutes * MINUTE);
          expect(s.start).toBeLessThan(input.now + input.type.horizonDays * DAY);
        }
      }),
      runs,
    );
  });

  it('explain finds nothing against an offered time and names a reason for any other time', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.integer({ min: 0, max: 14 * 24 * 12 }), { maxLength: 30 }),
        (input, probes) => {
          const offered = new Set(computeSlots(input).map((s) => s.start));
          const who = { providerId: 'p1', locationId: 'l1' };
          for (const s of offered) expect(explain(input, { ...who, start: s })).toEqual([]);
          for (const p of probes) {
            const start = input.window.start + p * 5 * MINUTE;
            if (start >= input.window.end) continue;
            expect(explain(input, { ...who, start }).length === 0).toBe(offered.has(start));
          }
        },
      ),
      runs,
    );
  });

  it('results are the same instants whatever the display zone', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const slots = computeSlots(input);
        const shown = slots.map((s) => formatInstant(s.start, input.displayZone));
        const inUtc = slots.map((s) => formatInstant(s.start, 'UTC'));
        expect(shown.map((t) => Date.parse(t))).toEqual(inUtc.map((t) => Date.parse(t)));
        expect(shown.map((t) => Date.parse(t))).toEqual(slots.map((s) => s.start));
      }),
      runs,
    );
  });

  it('shows an instant with the display zone’s own wall time and offset', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({
          min: at('2020-01-01T00:00:00Z') / MINUTE,
          max: at('2035-01-01T00:00:00Z') / MINUTE,
        }),
        (zone, minute) => {
          const instant = minute * MINUTE;
          const expected = Temporal.Instant.fromEpochMilliseconds(instant)
            .toZonedDateTimeISO(zone)
            .toString({ timeZoneName: 'never', smallestUnit: 'second' });
          expect(formatInstant(instant, zone)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
