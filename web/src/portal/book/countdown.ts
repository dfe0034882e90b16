/**
 * How long a hold is kept, for the eye and for the ear: the clock shows minutes and seconds and
 * ticks, while a screen reader hears it only at a few moments (when the hold is placed, with 5, 2
 * and 1 minutes left, and when it ends), never every second.
 */

/** Whole seconds left until `expiresAt` (never below zero). */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

/** `9:05`, `0:59`: minutes and two-digit seconds. */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const marks = [5 * 60, 2 * 60, 60];

/**
 * What to announce as the time left goes from `before` to `now` seconds: the mark crossed (in
 * whole minutes), 0 when the hold just ended, or null when nothing is worth saying.
 */
export function announcementFor(before: number, now: number): number | null {
  if (now >= before) return null;
  if (now === 0) return 0;
  const crossed = marks.find((m) => before > m && now <= m);
  return crossed === undefined ? null : crossed / 60;
}

/** Whole minutes to say when the hold is placed ("kept for 10 minutes"), rounded up. */
export const minutesLeft = (seconds: number) => Math.ceil(seconds / 60);
