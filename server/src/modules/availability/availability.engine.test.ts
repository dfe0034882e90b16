import { describe, expect, it } from 'vitest';
import { computeSlots, firstAvailable } from './availability.engine.ts';
import { explain } from './availability.explain.ts';
import { formatInstant } from './availability.local-time.ts';
import { at, everyDay, input, iso, localDay, provider, visit } from './availability.test-input.ts';

const NY = 'America/New_York';

function localStarts(zone: string, slots: { start: number }[]) {
  return slots.map((s) => formatInstant(s.start, zone).slice(11, 16));
}

describe('working hours across daylight-saving transitions', () => {
  it('a provider working 09:00–17:00 in New York works 09:00–17:00 on the spring-forward day', () => {
    const slots = computeSlots(input({ window: localDay('2026-03-08', NY) }));
    expect(slots).toHaveLength(16);
    expect(iso(slots[0]!.start)).toBe('2026-03-08T13:00:00.000Z'); // 09:00 EDT
    expect(localStarts(NY, slots).at(-1)).toBe('16:30');
  });

  it('and on the fall-back day', () => {
    const slots = computeSlots(input({ window: localDay('2026-11-01', NY) }));
    expect(slots).toHaveLength(16);
    expect(iso(slots[0]!.start)).toBe('2026-11-01T14:00:00.000Z'); // 09:00 EST
    expect(localStarts(NY, slots).at(-1)).toBe('16:30');
  });

  it('a night shift that spans the spring-forward gap loses the skipped hour, not a slot time', () => {
    const c = provider(NY, { weekly: everyDay('00:00', '05:00') });
    const slots = computeSlots(input({ candidates: [c], window: localDay('2026-03-08', NY) }));
    // 00:00–05:00 local is four real hours that day: 8 half-hour slots, none at a skipped time.
    expect(slots).toHaveLength(8);
    expect(localStarts(NY, slots)).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '03:00',
      '03:30',
      '04:00',
      '04:30',
    ]);
  });
});

describe('zones with 30- and 45-minute offsets', () => {
  it('Asia/Kolkata (UTC+05:30): 09:00 local is 03:30 UTC', () => {
    const zone = 'Asia/Kolkata';
    const slots = computeSlots(
      input({ candidates: [provider(zone)], window: localDay('2026-06-15', zone) }),
    );
    expect(iso(slots[0]!.start)).toBe('2026-06-15T03:30:00.000Z');
    expect(slots).toHaveLength(16);
  });

  it('Australia/Lord_Howe shifts by half an hour at DST end and keeps 09:00–17:00 local', () => {
    const zone = 'Australia/Lord_Howe';
    const before = computeSlots(
      input({ candidates: [provider(zone)], window: localDay('2026-04-04', zone) }),
    );
    const after = computeSlots(
      input({ candidates: [provider(zone)], window: localDay('2026-04-05', zone) }),
    );
    expect(iso(before[0]!.start)).toBe('2026-04-03T22:00:00.000Z'); // +11:00
    expect(iso(after[0]!.start)).toBe('2026-04-04T22:30:00.000Z'); // +10:30
    expect(localStarts(zone, after)[0]).toBe('09:00');
    expect(after).toHaveLength(16);
  });

  it('Pacific/Chatham (UTC+13:45 in summer, +12:45 in winter) keeps 09:00 local across its DST end', () => {
    const zone = 'Pacific/Chatham';
    const summer = computeSlots(
      input({ candidates: [provider(zone)], window: localDay('2026-04-04', zone) }),
    );
    const winter = computeSlots(
      input({ candidates: [provider(zone)], window: localDay('2026-04-05', zone) }),
    );
    expect(iso(summer[0]!.start)).toBe('2026-04-03T19:15:00.000Z');
    expect(iso(winter[0]!.start)).toBe('2026-04-04T20:15:00.000Z');
    expect(localStarts(zone, winter)).toHaveLength(16);
  });
});

describe('the rules that exclude a time, and how explain names them', () => {
  const window = localDay('2026-06-15', NY);

  it('an appointment and its buffers take the time they occupy; explain says booked or buffer', () => {
    const block = {
      appointmentStart: at('2026-06-15T14:00:00Z'), // 10:00 local
      appointmentEnd: at('2026-06-15T14:30:00Z'),
      start: at('2026-06-15T14:00:00Z'),
      end: at('2026-06-15T14:45:00Z'), // 15 min buffer after
    };
    const i = input({ window, candidates: [provider(NY, { blocks: [block] })] });
    const starts = localStarts(NY, computeSlots(i));
    expect(starts).not.toContain('10:00');
    expect(starts).not.toContain('10:30');
    expect(starts).toContain('11:00');
    const who = { providerId: 'p1', locationId: 'l1' };
    expect(explain(i, { ...who, start: at('2026-06-15T14:00:00Z') })[0]).toMatchObject({
      code: 'booked',
    });
    expect(explain(i, { ...who, start: at('2026-06-15T14:30:00Z') })).toEqual([
      { code: 'buffer', message: 'Inside Dr. Rivera’s buffer.' },
    ]);
  });

  it('minimum notice and the horizon bound the offer', () => {
    const now = at('2026-06-15T13:00:00Z'); // 09:00 local
    const type = { ...visit, minNoticeMinutes: 24 * 60, horizonDays: 2 };
    const i = input({ type, now, window: { start: now, end: now + 5 * 86_400_000 } });
    const slots = computeSlots(i);
    expect(iso(slots[0]!.start)).toBe('2026-06-16T13:00:00.000Z');
    expect(Math.max(...slots.map((s) => s.start))).toBeLessThan(now + 2 * 86_400_000);
    expect(explain(i, { providerId: 'p1', locationId: 'l1', start: now + 3_600_000 })).toEqual([
      { code: 'minimum-notice', message: 'Minimum notice 24 h.' },
    ]);
  });

  it('a closed-day override, a holiday and time off remove their hours', () => {
    const c = provider(NY, {
      overrides: [{ date: '2026-06-16', startTime: null, endTime: null }],
      timeOff: [{ start: at('2026-06-15T13:00:00Z'), end: at('2026-06-15T17:00:00Z') }],
    });
    const i = input({
      candidates: [c],
      holidays: ['2026-06-17'],
      window: { start: localDay('2026-06-15', NY).start, end: localDay('2026-06-18', NY).end },
    });
    const days = new Set(computeSlots(i).map((s) => formatInstant(s.start, NY).slice(0, 10)));
    expect(days).toEqual(new Set(['2026-06-15', '2026-06-18']));
    expect(localStarts(NY, computeSlots(input({ candidates: [c], window })))[0]).toBe('13:00');
    const who = { providerId: 'p1', locationId: 'l1' };
    expect(explain(i, { ...who, start: at('2026-06-16T14:00:00Z') })[0]!.code).toBe('closed-day');
    expect(explain(i, { ...who, start: at('2026-06-17T14:00:00Z') })[0]!.code).toBe('holiday');
    expect(explain(i, { ...who, start: at('2026-06-15T14:00:00Z') })[0]!.code).toBe('time-off');
    expect(explain(i, { ...who, start: at('2026-06-15T23:00:00Z') })[0]!.code).toBe(
      'outside-working-hours',
    );
  });

  it('an override with other hours replaces the weekly hours of that date', () => {
    const c = provider(NY, {
      overrides: [{ date: '2026-06-15', startTime: '18:00', endTime: '19:00' }],
    });
    expect(localStarts(NY, computeSlots(input({ candidates: [c], window })))).toEqual([
      '18:00',
      '18:30',
    ]);
  });

  it('an in-person visit needs a free room; with the room taken, only telehealth is offered', () => {
    const type = { ...visit, requiredResourceKinds: ['room'] };
    const room = {
      id: 'r2',
      name: 'Room 2',
      kind: 'room',
      locationId: 'l1',
      blocks: [{ start: at('2026-06-15T13:00:00Z'), end: at('2026-06-15T14:00:00Z') }],
    };
    const both = input({ type, window, resources: [room] });
    const nine = computeSlots(both).find((s) => s.start === at('2026-06-15T13:00:00Z'))!;
    expect(nine.modalities).toEqual(['telehealth']);
    const eleven = computeSlots(both).find((s) => s.start === at('2026-06-15T15:00:00Z'))!;
    expect(eleven).toMatchObject({ modalities: ['in_person', 'telehealth'], resourceIds: ['r2'] });
    const inPerson = input({ type, window, resources: [room], modality: 'in_person' });
    expect(
      explain(inPerson, { providerId: 'p1', locationId: 'l1', start: at('2026-06-15T13:00:00Z') }),
    ).toEqual([{ code: 'resource-taken', message: 'Room 2 taken.' }]);
  });

  it('first available is the earliest slot across every provider', () => {
    const early = provider(NY, {
      providerId: 'p2',
      providerName: 'Dr. Chen',
      weekly: everyDay('07:00', '08:00'),
    });
    const slot = firstAvailable(input({ candidates: [provider(NY), early], window }));
    expect(slot).toMatchObject({ providerId: 'p2', start: at('2026-06-15T11:00:00Z') });
  });
});
