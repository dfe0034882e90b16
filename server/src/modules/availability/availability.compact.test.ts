import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPatient } from '../../../test/clinic.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createTestClock, hours } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { compactSlots, type CompactAnswer } from './availability.compact.ts';
import type { Modality, Slot } from './availability.types.ts';

const MINUTE = 60_000;

interface Plain {
  start: number;
  end: number;
  providerId: string;
  locationId: string;
  modalities: Modality[];
}

/** The compact answer back into one entry per slot, as a client reads it. */
function expand(c: CompactAnswer): Plain[] {
  const origin = Date.parse(c.start);
  return c.groups.flatMap((g) =>
    g.starts.map((m) => ({
      start: origin + m * MINUTE,
      end: origin + (m + c.slotMinutes) * MINUTE,
      providerId: g.providerId,
      locationId: g.locationId,
      modalities: g.modalities,
    })),
  );
}

const order = (a: Plain, b: Plain) =>
  a.start - b.start ||
  a.providerId.localeCompare(b.providerId) ||
  a.locationId.localeCompare(b.locationId);
const sorted = (list: Plain[]) => [...list].sort(order);

function rangeOf(zone: string, from: string, days: number) {
  const first = Temporal.PlainDate.from(from);
  const last = first.add({ days: days - 1 });
  return {
    from: first,
    to: last,
    zone,
    window: {
      start: first.toZonedDateTime({ timeZone: zone }).epochMilliseconds,
      end: last.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds,
    },
  };
}

describe('the compact shape (pure)', () => {
  // Ranges around DST transitions (US spring and autumn, Lord Howe's half hour) and plain weeks.
  const range = fc.record({
    zone: fc.constantFrom(
      'America/New_York',
      'America/Phoenix',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
    ),
    from: fc.constantFrom('2030-03-06', '2030-11-01', '2030-04-04', '2030-10-05', '2030-07-14'),
    days: fc.integer({ min: 1, max: 14 }),
  });
  const slotsIn = (r: ReturnType<typeof rangeOf>) =>
    fc
      .array(
        fc.record({
          offset: fc.integer({
            min: 0,
            max: Math.floor((r.window.end - r.window.start) / (5 * MINUTE)) - 1,
          }),
          provider: fc.constantFrom('p1', 'p2', 'p3'),
          location: fc.constantFrom('l1', 'l2'),
          modalities: fc.constantFrom<Modality[]>(
            ['in_person'],
            ['telehealth'],
            ['in_person', 'telehealth'],
          ),
        }),
        { maxLength: 200 },
      )
      .map((raw) =>
        raw
          .map((x): Slot => ({
            start: r.window.start + x.offset * 5 * MINUTE,
            end: r.window.start + (x.offset * 5 + 20) * MINUTE,
            providerId: x.provider,
            locationId: x.location,
            modalities: x.modalities,
            resourceIds: [],
          }))
          // One slot per provider, location and start, sorted by start as the engine returns them.
          .filter(
            (s, i, all) =>
              all.findIndex(
                (o) =>
                  o.start === s.start &&
                  o.providerId === s.providerId &&
                  o.locationId === s.locationId,
              ) === i,
          )
          .sort((a, b) => a.start - b.start),
      );

  it('holds exactly the slots it was given, and each day counts its distinct start times', () => {
    fc.assert(
      fc.property(
        range.chain((p) => {
          const r = rangeOf(p.zone, p.from, p.days);
          return fc.tuple(fc.constant(r), slotsIn(r));
        }),
        ([r, slots]) => {
          const c = compactSlots(slots, r, 20);
          expect(sorted(expand(c))).toEqual(sorted(slots.map(({ resourceIds: _, ...s }) => s)));
          for (const g of c.groups)
            for (const m of g.starts) expect(Number.isInteger(m)).toBe(true);
          expect(c.days.map((d) => d.date)).toEqual(
            Array.from({ length: c.days.length }, (_, i) => r.from.add({ days: i }).toString()),
          );
          expect(c.days.at(-1)!.date).toBe(r.to.toString());
          const origin = Date.parse(c.start);
          expect(origin).toBe(r.window.start);
          for (const d of c.days) {
            const [from, to] = [origin + d.from * MINUTE, origin + d.to * MINUTE];
            // The day's bounds are its local midnights, wherever DST moves them.
            expect(from).toBe(
              Temporal.PlainDate.from(d.date).toZonedDateTime({ timeZone: r.zone })
                .epochMilliseconds,
            );
            const starts = new Set(
              slots.filter((s) => s.start >= from && s.start < to).map((s) => s.start),
            );
            expect(d.times).toBe(starts.size);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a 23-hour and a 25-hour local day their real lengths', () => {
    const spring = compactSlots([], rangeOf('America/New_York', '2030-03-10', 1), 20);
    expect(spring.days).toEqual([{ date: '2030-03-10', from: 0, to: 23 * 60, times: 0 }]);
    const autumn = compactSlots([], rangeOf('America/New_York', '2030-11-03', 1), 20);
    expect(autumn.days[0]!.to).toBe(25 * 60);
    expect(autumn.start).toBe('2030-11-03T00:00:00-04:00');
  });
});

describe('GET /api/availability/compact on the demo clinic', () => {
  let h: TestApp;
  let followUp: string;
  let types: { id: string; name: string }[];
  // A fixed clock a week before the US spring transition (2030-03-10): the ranges below cross it.
  const clock = createTestClock(new Date('2030-03-01T15:00:00Z'));

  beforeAll(async () => {
    h = await startTestApp({ clock, env: { HOURGLASS_AVAILABILITY_CACHE_SECONDS: '60' } });
    await seedDemo(h.db, h.vault);
    types = (await h.app.inject({ url: '/api/organizations/demo/appointment-types' })).json()
      .appointmentTypes;
    followUp = types.find((t) => t.name === 'Follow-up visit')!.id;
  });
  afterAll(() => h.close());

  const full = async (q: string) => {
    const res = await h.app.inject({ url: `/api/availability?organization=demo&${q}` });
    expect(res.statusCode).toBe(200);
    return (
      res.json().slots as (Omit<Plain, 'start' | 'end'> & { start: string; end: string })[]
    ).map((s) => ({ ...s, start: Date.parse(s.start), end: Date.parse(s.end) }));
  };
  const compact = async (q: string) => {
    const res = await h.app.inject({ url: `/api/availability/compact?organization=demo&${q}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CompactAnswer;
  };

  it('holds exactly the full shape’s slots for every demo type, zone and range, DST included', async () => {
    let compared = 0;
    for (const type of types) {
      for (const zone of ['America/New_York', 'America/Phoenix', 'Europe/Madrid']) {
        for (const [from, to] of [
          ['2030-03-04', '2030-03-17'],
          ['2030-03-10', '2030-03-10'],
          [undefined, undefined],
        ]) {
          const q = `appointmentTypeId=${type.id}&zone=${zone}${from ? `&from=${from}&to=${to}` : ''}`;
          const [f, c] = [await full(q), await compact(q)];
          expect(sorted(expand(c))).toEqual(sorted(f));
          const bytes = (x: unknown) => JSON.stringify(x).length;
          if (f.length > 20) expect(bytes(c)).toBeLessThan(bytes(f) / 3);
          compared += f.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('lists each local day of the range with its start times counted, and defaults to two weeks from today', async () => {
    const c = await compact(`appointmentTypeId=${followUp}&zone=America/New_York`);
    // "Today" is the app's clock's date in the display zone.
    expect(c.from).toBe('2030-03-01');
    expect(c.to).toBe('2030-03-14');
    expect(c.days).toHaveLength(14);
    expect(c.start).toBe('2030-03-01T00:00:00-05:00');
    const dst = c.days.find((d) => d.date === '2030-03-10')!;
    expect(dst.to - dst.from).toBe(23 * 60);
    // Weekends: the demo clinic's follow-ups are on weekdays only.
    expect(c.days.find((d) => d.date === '2030-03-09')!.times).toBe(0);
    expect(c.days.find((d) => d.date === '2030-03-11')!.times).toBeGreaterThan(0);
  });

  it('drops a booked time from the cached compact answer at once', async () => {
    const q = `appointmentTypeId=${followUp}&zone=UTC&from=2030-03-12&to=2030-03-12`;
    const before = expand(await compact(q));
    const target = before[0]!;
    const { rows } = await h.db.query<{ id: string }>(
      "select id from organizations where slug = 'demo'",
    );
    const orgId = rows[0]!.id;
    await booking.hold({ type: 'system', job: 'test' }, h.booking, {
      organizationId: orgId,
      appointmentTypeId: followUp,
      providerId: target.providerId,
      locationId: target.locationId,
      patientId: await addPatient(h.db, orgId),
      start: new Date(target.start).toISOString(),
      modality: target.modalities[0],
    });
    const after = expand(await compact(q));
    expect(after).not.toContainEqual(target);
    expect(after).toHaveLength(before.length - 1);
  });

  it('reads the app’s clock: a time inside the minimum notice leaves when the clock moves', async () => {
    const q = `appointmentTypeId=${followUp}&zone=UTC&from=2030-03-04&to=2030-03-04`;
    const first = expand(await compact(q))[0]!;
    // The follow-up's notice is two hours: an hour and a half before the first time, it is gone.
    clock.set(new Date(first.start - hours(1.5)));
    const later = expand(await compact(q));
    expect(later.map((s) => s.start)).not.toContain(first.start);
    expect((await full(q)).map((s) => s.start)).not.toContain(first.start);
  });

  it('refuses the full shape’s `first`, the old parameter name and an unknown zone with a 400', async () => {
    for (const q of [
      `appointmentTypeId=${followUp}&first=true`,
      `appointmentType=${followUp}`,
      `appointmentTypeId=${followUp}&zone=Mars/Olympus`,
    ]) {
      const res = await h.app.inject({ url: `/api/availability/compact?organization=demo&${q}` });
      expect(res.statusCode).toBe(400);
      expect(res.json().type).toBe('urn:hourglass:problem:validation');
    }
    const old = await h.app.inject({
      url: `/api/availability?organization=demo&appointmentType=${followUp}`,
    });
    expect(old.statusCode).toBe(400);
  });
});
