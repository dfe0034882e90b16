/**
 * The one source of "now" for rules that depend on elapsed time (session timeouts, token expiry,
 * throttling, step-up). Injected through BuildOptions so tests move time without sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock that starts at `start` and runs on in real time (HOURGLASS_CLOCK_START). */
export function startedClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return Object.freeze({ now: () => new Date(Date.now() + offset) });
}

export interface TestClock extends Clock {
  /** Moves time forward by ms (or back, with a negative number). */
  advance(ms: number): void;
  set(at: Date): void;
}

export function createTestClock(start = new Date('2030-01-15T14:00:00Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(at) {
      current = at.getTime();
    },
  };
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
