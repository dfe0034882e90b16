import { z } from 'zod';
import { Conflict } from '../../platform/http/errors.ts';
import type { Appointment } from './booking.schema.ts';
import { InvalidTransition, type Transition } from './booking.state.ts';

/**
 * When a visit can be acted on, from its start and the organization's visit policy: check-in
 * (in person only) from `checkInOpensMinutesBefore` the start until `checkInClosesMinutesAfter`
 * it (never past the visit's end); joining a telehealth visit's video from
 * `videoJoinOpensMinutesBefore` the start until its end; completing and marking a no-show only
 * once the visit has started. Pure: the lifecycle guards transitions with it, and anything that
 * lists appointments (the patient's list, the console) asks `visitActions` what is possible now.
 */

const minutes = (max: number) => z.number().int().min(0).max(max);

export const visitPolicySchema = z
  .strictObject({
    checkInOpensMinutesBefore: minutes(240).describe('Check-in opens this long before the start'),
    checkInClosesMinutesAfter: minutes(240).describe('…and closes this long after it'),
    videoJoinOpensMinutesBefore: minutes(60).describe(
      'A telehealth visit can be joined this early',
    ),
  })
  .meta({ id: 'VisitPolicy' });
export type VisitPolicy = z.infer<typeof visitPolicySchema>;

/** What an organization that has not set its own policy gets. */
export const defaultVisitPolicy: VisitPolicy = Object.freeze({
  checkInOpensMinutesBefore: 60,
  checkInClosesMinutesAfter: 30,
  videoJoinOpensMinutesBefore: 10,
});

export const visitActionsSchema = z
  .object({
    canCheckIn: z.boolean(),
    checkInOpensAt: z.string().nullable().describe('In-person visits: when check-in opens'),
    checkInClosesAt: z.string().nullable(),
    canJoinVideo: z.boolean(),
    joinOpensAt: z.string().nullable().describe('Telehealth visits: when the video can be joined'),
  })
  .meta({ id: 'VisitActions' });
export type VisitActions = z.infer<typeof visitActionsSchema>;

/** The part of an appointment the windows depend on (an `Appointment` answer has it). */
export type VisitTiming = Pick<Appointment, 'modality' | 'status'> & {
  start: string | Date;
  end: string | Date;
};

const ms = (t: string | Date | number) =>
  typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : t.getTime();
const iso = (t: number) => new Date(t).toISOString();

function windows(a: VisitTiming, policy: VisitPolicy) {
  const start = ms(a.start);
  const end = ms(a.end);
  return {
    start,
    end,
    checkInOpens: start - policy.checkInOpensMinutesBefore * 60_000,
    checkInCloses: Math.min(start + policy.checkInClosesMinutesAfter * 60_000, end),
    joinOpens: start - policy.videoJoinOpensMinutesBefore * 60_000,
  };
}

/**
 * What can be done about the visit at `now`: check in (a booked in-person visit, inside the
 * check-in window) and join the video (a booked or checked-in telehealth visit, from the join
 * window's opening until the end), with the instants the windows open and close.
 */
export function visitActions(
  appointment: VisitTiming,
  now: Date | number,
  policy: VisitPolicy,
): VisitActions {
  const t = ms(now);
  const w = windows(appointment, policy);
  const inPerson = appointment.modality === 'in_person';
  const telehealth = appointment.modality === 'telehealth';
  return {
    canCheckIn:
      inPerson && appointment.status === 'booked' && t >= w.checkInOpens && t < w.checkInCloses,
    checkInOpensAt: inPerson ? iso(w.checkInOpens) : null,
    checkInClosesAt: inPerson ? iso(w.checkInCloses) : null,
    canJoinVideo:
      telehealth &&
      (appointment.status === 'booked' || appointment.status === 'checked_in') &&
      t >= w.joinOpens &&
      t < w.end,
    joinOpensAt: telehealth ? iso(w.joinOpens) : null,
  };
}

export class CheckInNotOpen extends Conflict {
  constructor(opensAt: number, closesAt: number) {
    super(
      'check-in-not-open',
      'Check-in is not open yet',
      `Check-in for this visit opens at ${iso(opensAt)}.`,
      { opensAt: iso(opensAt), closesAt: iso(closesAt) },
    );
  }
}

export class CheckInClosed extends Conflict {
  constructor(closedAt: number) {
    super(
      'check-in-closed',
      'Check-in has closed',
      `Check-in for this visit closed at ${iso(closedAt)}. Reschedule it, or mark it as a no-show.`,
      { closedAt: iso(closedAt) },
    );
  }
}

export class CheckInInPersonOnly extends Conflict {
  constructor() {
    super(
      'check-in-in-person-only',
      'Only in-person visits are checked in',
      'This is a telehealth visit: it is joined by video, not checked in at the desk.',
    );
  }
}

export class VisitNotStarted extends Conflict {
  constructor(startsAt: number, verb: string) {
    super(
      'visit-not-started',
      'The visit has not started',
      `A visit can be ${verb} only once it has started, at ${iso(startsAt)}.`,
      { startsAt: iso(startsAt) },
    );
  }
}

/**
 * The clinic-day rules of a visit transition whose state change is allowed (booking.state.ts):
 * check-in inside its window and in person only; no-show and completion after the start; an
 * in-person visit is checked in before it is completed (a telehealth one has no arrival).
 */
export function guardVisit(
  action: Transition,
  current: Appointment['status'],
  a: VisitTiming,
  now: number,
  policy: VisitPolicy,
): void {
  const w = windows(a, policy);
  if (action === 'checkIn') {
    if (a.modality !== 'in_person') throw new CheckInInPersonOnly();
    if (now < w.checkInOpens) throw new CheckInNotOpen(w.checkInOpens, w.checkInCloses);
    if (now >= w.checkInCloses) throw new CheckInClosed(w.checkInCloses);
    return;
  }
  if (action === 'complete' && current === 'booked' && a.modality === 'in_person') {
    throw new InvalidTransition(current, action);
  }
  if ((action === 'complete' || action === 'noShow') && now < w.start) {
    throw new VisitNotStarted(w.start, action === 'complete' ? 'completed' : 'marked a no-show');
  }
}
