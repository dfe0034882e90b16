import { describe, expect, it } from 'vitest';
import {
  defaultPlan,
  planMessages,
  quietPeriodAt,
  shiftOutOfQuiet,
  type QuietHours,
} from './notifications.plan.ts';

const ny: QuietHours = { start: '21:00', end: '08:00', zone: 'America/New_York' };
const tokyo: QuietHours = { start: '21:00', end: '08:00', zone: 'Asia/Tokyo' };
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('quiet hours in the patient’s zone', () => {
  it('a time between 21:00 and 08:00 local is quiet, the same instant elsewhere may not be', () => {
    // 02:00 UTC is 21:00 in New York (EST) and 11:00 in Tokyo.
    expect(quietPeriodAt(at('2030-01-16T02:00:00Z'), ny)).toBeDefined();
    expect(quietPeriodAt(at('2030-01-16T02:00:00Z'), tokyo)).toBeUndefined();
    expect(quietPeriodAt(at('2030-01-16T01:59:00Z'), ny)).toBeUndefined();
    expect(quietPeriodAt(at('2030-01-16T13:00:00Z'), ny)).toBeUndefined(); // 08:00 EST
  });

  it('a message due inside them goes at their end', () => {
    const appointment = at('2030-01-17T15:00:00Z');
    // 23:00 EST → 08:00 EST the next morning (13:00Z).
    expect(iso(shiftOutOfQuiet(at('2030-01-16T04:00:00Z'), ny, appointment))).toBe(
      '2030-01-16T13:00:00.000Z',
    );
  });

  it('unless their end is after the appointment: then the minute before they began', () => {
    // Appointment 07:30 EST; a nudge due 05:30 cannot wait for 08:00, so it goes 20:59 the evening before.
    const appointment = at('2030-01-16T12:30:00Z');
    expect(iso(shiftOutOfQuiet(at('2030-01-16T10:30:00Z'), ny, appointment))).toBe(
      '2030-01-16T01:59:00.000Z',
    );
  });

  it('the end of quiet hours follows the spring-forward change (08:00 EDT, not 08:00 EST)', () => {
    // New York springs forward on 10 March 2030: 23:00 EST on the 9th → 08:00 EDT on the 10th = 12:00Z.
    const appointment = at('2030-03-12T13:00:00Z');
    expect(iso(shiftOutOfQuiet(at('2030-03-10T04:00:00Z'), ny, appointment))).toBe(
      '2030-03-10T12:00:00.000Z',
    );
  });

  it('and the fall-back change (08:00 EST after a 25-hour night)', () => {
    // 3 November 2030: 22:00 EDT on the 2nd (02:00Z on the 3rd) → 08:00 EST on the 3rd = 13:00Z.
    const appointment = at('2030-11-05T15:00:00Z');
    expect(iso(shiftOutOfQuiet(at('2030-11-03T02:00:00Z'), ny, appointment))).toBe(
      '2030-11-03T13:00:00.000Z',
    );
  });

  it('quiet hours inside one day (13:00–14:00) and none at all (start equal to end)', () => {
    const lunch = { start: '13:00', end: '14:00', zone: 'UTC' };
    expect(
      iso(shiftOutOfQuiet(at('2030-01-16T13:30:00Z'), lunch, at('2030-01-20T00:00:00Z'))),
    ).toBe('2030-01-16T14:00:00.000Z');
    const none = { start: '08:00', end: '08:00', zone: 'UTC' };
    expect(quietPeriodAt(at('2030-01-16T03:00:00Z'), none)).toBeUndefined();
  });
});

describe('the plan of a booking', () => {
  const now = at('2030-01-15T15:00:00Z'); // 10:00 EST, Tuesday
  const start = at('2030-01-22T15:00:00Z'); // a week later, 10:00 EST

  it('confirmation now, reminder 72 h before, nudge 2 h before, by default', () => {
    const planned = planMessages({
      event: 'booked',
      appointmentStart: start,
      now,
      plan: defaultPlan,
      quiet: ny,
      byPatient: true,
    });
    expect(planned.map((m) => [m.kind, iso(m.dueAt)])).toEqual([
      ['confirmation', iso(now)],
      ['reminder', '2030-01-19T15:00:00.000Z'],
      ['nudge', '2030-01-22T13:00:00.000Z'],
    ]);
  });

  it('the same booking for a patient in Tokyo: the reminder avoids their night', () => {
    // 72 h before is 00:00 Tokyo time; it goes at 08:00 there (23:00Z).
    const planned = planMessages({
      event: 'booked',
      appointmentStart: start,
      now,
      plan: { ...defaultPlan, reminderLeadHours: 72, nudgeLeadMinutes: null },
      quiet: tokyo,
      byPatient: true,
    });
    expect(planned.map((m) => [m.kind, iso(m.dueAt)])).toEqual([
      ['confirmation', iso(now)],
      ['reminder', '2030-01-19T23:00:00.000Z'],
    ]);
  });

  it('a 48 h lead, no confirmations, and a reminder already past is not planned', () => {
    const soon = at('2030-01-16T15:00:00Z'); // tomorrow: 48 h before has passed
    const planned = planMessages({
      event: 'booked',
      appointmentStart: soon,
      now,
      plan: { ...defaultPlan, confirmations: false, reminderLeadHours: 48 },
      quiet: ny,
      byPatient: true,
    });
    expect(planned.map((m) => m.kind)).toEqual(['nudge']);
  });

  it('staff booking at night: the confirmation waits for the patient’s morning', () => {
    const night = at('2030-01-16T03:00:00Z'); // 22:00 EST
    const planned = planMessages({
      event: 'rescheduled',
      appointmentStart: start,
      now: night,
      plan: defaultPlan,
      quiet: ny,
      byPatient: false,
    });
    expect(planned[0]).toEqual({ kind: 'reschedule', dueAt: at('2030-01-16T13:00:00Z') });
    // The patient's own change at the same hour is answered at once.
    const own = planMessages({
      event: 'cancelled',
      appointmentStart: start,
      now: night,
      plan: defaultPlan,
      quiet: ny,
      byPatient: true,
    });
    expect(own).toEqual([{ kind: 'cancellation', dueAt: night }]);
  });
});
