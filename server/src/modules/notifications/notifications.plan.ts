import { Temporal } from 'temporal-polyfill';

/**
 * When each message about an appointment is due: pure rules, no I/O. Times are epoch ms; quiet
 * hours are wall times in the patient's own zone, so a DST change moves their instants with it.
 */

export type MessageKind =
  'confirmation' | 'reschedule' | 'cancellation' | 'reminder' | 'nudge' | 'waitlist_offer';
export type OutwardChannel = 'email' | 'sms' | 'push';

/** An organization's plan, or an appointment type's override of it. */
export interface Plan {
  confirmations: boolean;
  /** The reminder's lead, 48–72 hours. */
  reminderLeadHours: number;
  /** The day-of nudge's lead in minutes, or null for none. */
  nudgeLeadMinutes: number | null;
  /** Outward channels in the order they are tried; the portal inbox always holds the message. */
  channelOrder: OutwardChannel[];
}

export const defaultPlan: Plan = Object.freeze({
  confirmations: true,
  reminderLeadHours: 72,
  nudgeLeadMinutes: 120,
  channelOrder: ['email', 'sms', 'push'] as OutwardChannel[],
});

/** Quiet hours as local wall times (HH:MM) in `zone`; `start` after `end` spans midnight. */
export interface QuietHours {
  start: string;
  end: string;
  zone: string;
}

export const defaultQuiet = { start: '21:00', end: '08:00' } as const;

const MINUTE = 60_000;

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function wallInstant(date: Temporal.PlainDate, minuteOfDay: number, zone: string): number {
  return date
    .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
    .toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** The quiet period holding `at` ({ from, to } instants), or undefined when `at` is not quiet. */
export function quietPeriodAt(at: number, q: QuietHours): { from: number; to: number } | undefined {
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return undefined;
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(q.zone);
  const date = local.toPlainDate();
  const m = local.hour * 60 + local.minute;
  const day = (d: Temporal.PlainDate, minute: number) => wallInstant(d, minute, q.zone);
  if (start < end) {
    return m >= start && m < end ? { from: day(date, start), to: day(date, end) } : undefined;
  }
  if (m >= start) return { from: day(date, start), to: day(date.add({ days: 1 }), end) };
  if (m < end) return { from: day(date.subtract({ days: 1 }), start), to: day(date, end) };
  return undefined;
}

/**
 * A message due inside quiet hours goes at their end, unless that is after the appointment: then
 * at the latest allowed time before they began (the minute before).
 */
export function shiftOutOfQuiet(due: number, q: QuietHours, appointmentStart: number): number {
  const period = quietPeriodAt(due, q);
  if (!period) return due;
  return period.to <= appointmentStart ? period.to : period.from - MINUTE;
}

export interface PlannedMessage {
  kind: MessageKind;
  dueAt: number;
}

export interface PlanInput {
  /** What happened: the appointment became booked (new or moved), or was cancelled. */
  event: 'booked' | 'rescheduled' | 'cancelled';
  appointmentStart: number;
  now: number;
  plan: Plan;
  quiet: QuietHours;
  /**
   * Whether the patient made the change themselves: the answer to their own action goes at once,
   * quiet hours or not (they are awake); a change staff made waits for the patient's morning.
   */
  byPatient: boolean;
}

/**
 * The messages one change plans. The answer to the change (confirmation, reschedule,
 * cancellation) is never dropped; a reminder or nudge whose time (after quiet hours) has passed
 * is not planned: the confirmation already told the patient.
 */
export function planMessages(input: PlanInput): PlannedMessage[] {
  const { now, plan, quiet, appointmentStart: start } = input;
  const out: PlannedMessage[] = [];
  const answer = input.byPatient ? now : Math.max(now, shiftOutOfQuiet(now, quiet, start));
  if (input.event === 'cancelled') {
    if (plan.confirmations) out.push({ kind: 'cancellation', dueAt: answer });
    return out;
  }
  if (plan.confirmations) {
    out.push({
      kind: input.event === 'rescheduled' ? 'reschedule' : 'confirmation',
      dueAt: answer,
    });
  }
  const ahead = (kind: MessageKind, lead: number) => {
    const due = shiftOutOfQuiet(start - lead, quiet, start);
    if (due > now && due < start) out.push({ kind, dueAt: due });
  };
  ahead('reminder', plan.reminderLeadHours * 60 * MINUTE);
  if (plan.nudgeLeadMinutes !== null) ahead('nudge', plan.nudgeLeadMinutes * MINUTE);
  return out;
}
