import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managerOf } from '../../../test/clinic.ts';
import { adminUrl, startTestApp, type TestApp } from '../../../test/harness.ts';
import { createTestClock, type TestClock } from '../../platform/time/clock.ts';
import { accept } from './waitlist.offers.ts';
import { putSettings } from './waitlist.service.ts';
import { as, bookFor, cancel, joinAs, offersOf, waitScene } from './waitlist.fixtures.ts';

/**
 * Simultaneous acceptances on PostgreSQL (PGlite has one connection, so nothing there is truly
 * simultaneous): five patients offered one time in a batch accept at once; exactly one books it.
 */

let h: TestApp & { clock: TestClock };
beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  const clock = createTestClock();
  clock.set(new Date('2030-01-15T14:00:00Z'));
  h = Object.assign(await startTestApp({ clock }), { clock });
});
afterAll(() => h.close());

describe('simultaneous acceptances', () => {
  it('exactly one of five wins; the others hear the time was taken and nothing else is booked', async () => {
    const s = await waitScene(h, 6);
    const [other, ...waiting] = s.patients as [string, ...string[]];
    await putSettings(h.waitlist.deps, managerOf(s.clinic.orgId), {
      batchSize: 5,
      offerMinutes: 60,
    });
    const visit = await bookFor(h, s, other, 7);
    const entries = [];
    for (const p of waiting) entries.push(await joinAs(h, s, p));
    await cancel(h, s, visit.id);
    expect(await h.waitlist.runOffers()).toBe(5);
    const offers = await Promise.all(entries.map(async (e) => (await offersOf(h, e.id))[0]!));
    expect(new Set(offers.map((o) => o.hold_appointment_id)).size).toBe(1);

    const results = await Promise.allSettled(
      offers.map((o, i) => accept(h.waitlist.deps, as(s, waiting[i]!), o.id)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { slug?: string }).slug)).toEqual(
      Array(4).fill('offer-taken'),
    );
    const { rows } = await h.db.query<{ n: number }>(
      `select count(*)::int as n from appointments
        where organization_id = $1 and starts_at = $2 and status = 'booked'`,
      [s.clinic.orgId, visit.start],
    );
    expect(rows[0]!.n).toBe(1);
    const statuses = (await Promise.all(entries.map((e) => offersOf(h, e.id)))).map(
      (o) => o[0]!.status,
    );
    expect(statuses.filter((x) => x === 'accepted')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'taken')).toHaveLength(4);
  });
});
