import { describe, expect, it } from 'vitest';
import { announcementFor, clockText, minutesLeft, secondsLeft } from './countdown.ts';

describe('the hold countdown', () => {
  it('counts whole seconds up to the expiry, never below zero', () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 99_000)).toBe(0);
  });

  it('shows minutes and two-digit seconds', () => {
    expect(clockText(600)).toBe('10:00');
    expect(clockText(545)).toBe('9:05');
    expect(clockText(59)).toBe('0:59');
    expect(clockText(0)).toBe('0:00');
    expect(clockText(-3)).toBe('0:00');
  });

  it('speaks only at 5, 2 and 1 minutes left and at the end, not every second', () => {
    const said: (number | null)[] = [];
    for (let s = 600; s > 0; s--) said.push(announcementFor(s, s - 1));
    expect(said.filter((x) => x !== null)).toEqual([5, 2, 1, 0]);
  });

  it('says a mark once even when a tick skips over it (a sleeping tab)', () => {
    expect(announcementFor(400, 100)).toBe(5);
    expect(announcementFor(100, 100)).toBeNull();
    expect(announcementFor(30, 0)).toBe(0);
  });

  it('rounds the minutes a new hold is kept up', () => {
    expect(minutesLeft(600)).toBe(10);
    expect(minutesLeft(599)).toBe(10);
    expect(minutesLeft(61)).toBe(2);
  });
});
