import { Conflict } from '../../platform/http/errors.ts';
import type { Status } from './booking.statuses.ts';

/**
 * The appointment lifecycle as an explicit table. `held` → `booked` → `checked_in` → `completed`;
 * `booked` → `no_show`; `held`/`booked` → `cancelled`; a hold past its expiry → `expired`.
 * Rescheduling cancels the old appointment (reason `rescheduled`) and books a new one. A telehealth
 * visit has no arrival, so it goes from `booked` to `completed`; when each step may happen in the
 * clinic's day (check-in window, after the start) is booking.visit-window.ts.
 */
export const transitions = {
  confirm: { from: ['held'], to: 'booked', verb: 'confirmed' },
  cancel: { from: ['held', 'booked'], to: 'cancelled', verb: 'cancelled' },
  reschedule: { from: ['held', 'booked'], to: 'cancelled', verb: 'rescheduled' },
  checkIn: { from: ['booked'], to: 'checked_in', verb: 'checked in' },
  noShow: { from: ['booked'], to: 'no_show', verb: 'marked as a no-show' },
  complete: { from: ['checked_in', 'booked'], to: 'completed', verb: 'completed' },
} as const satisfies Record<string, { from: readonly Status[]; to: Status; verb: string }>;

export type Transition = keyof typeof transitions;

export class InvalidTransition extends Conflict {
  constructor(current: Status, action: Transition) {
    super(
      'invalid-transition',
      'Not possible in the appointment’s current state',
      `The appointment is ${current.replace('_', ' ')}; it cannot be ${transitions[action].verb}.`,
      { currentState: current },
    );
  }
}

/** The state an appointment is in at `now`: a hold past its expiry is expired, swept or not. */
export function currentStatus(
  row: { status: Status; hold_expires_at: Date | null },
  now: number,
): Status {
  return row.status === 'held' &&
    row.hold_expires_at !== null &&
    row.hold_expires_at.getTime() <= now
    ? 'expired'
    : row.status;
}

/** The state after `action`, or an InvalidTransition naming the current state. */
export function next(current: Status, action: Transition): Status {
  const t = transitions[action];
  if (!(t.from as readonly Status[]).includes(current))
    throw new InvalidTransition(current, action);
  return t.to;
}
