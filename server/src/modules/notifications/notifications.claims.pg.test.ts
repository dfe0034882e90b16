import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUrl } from '../../../test/harness.ts';
import { startIdentityApp, type IdentityApp } from '../../../test/identity-fixtures.ts';
import type { Channel } from './notifications.channels.ts';
import { deliver, deliverDue, deliverMany } from './notifications.delivery.ts';
import { book, scene } from './notifications.fixtures.ts';

/**
 * Exactly once under real contention, on PostgreSQL only (PGlite has one connection, so nothing
 * there runs truly at once). Batch workers of the sweep and per-message job workers race over
 * the same due messages (and workers of batches of jobs) through a channel that takes its time: every message reaches the vendor
 * once, and each is recorded `sent` with the vendor's id.
 */

const N = 300;
let h: IdentityApp;
beforeAll(async () => {
  expect(adminUrl, 'this suite runs on PostgreSQL').toBeTruthy();
  h = await startIdentityApp();
  h.clock.set(new Date('2030-01-15T15:00:00Z'));
});
afterAll(() => h.close());

describe('claims under concurrency', () => {
  it('parallel batch workers and duplicate per-message jobs send every message exactly once', async () => {
    const s = await scene(h);
    const a = await book(h, s, 7);
    const deps = h.notifications.deps;
    const arrived = new Map<string, number>();
    const recording: Channel = {
      name: 'email',
      async send(m) {
        // A vendor round trip of a few milliseconds widens every window between claim and record.
        await sleep(Math.floor(Math.random() * 4));
        arrived.set(m.idempotencyKey, (arrived.get(m.idempotencyKey) ?? 0) + 1);
        return { vendorId: `vendor:${m.idempotencyKey}` };
      },
    };
    const channels = deps.channels;
    deps.channels = { email: recording };
    try {
      const { rows } = await h.db.query<{ id: string }>(
        `insert into notification_messages (organization_id, appointment_id, patient_id, kind,
           due_at, respects_quiet, appointment_start, location_id, modality, idempotency_key)
         select $1, $2::uuid, $3, 'reminder', $4::timestamptz - (i || ' seconds')::interval, false,
                $5, $6, 'in_person', 'race:' || $2::text || ':' || i
           from generate_series(1, $7) i returning id`,
        [s.clinic.orgId, a.id, s.patientId, h.clock.now(), a.start, s.clinic.locationId, N],
      );
      const ids = rows.map((r) => r.id);
      const shuffled = () => [...ids].sort(() => Math.random() - 0.5);
      const sweeps = Array.from({ length: 4 }, () =>
        deliverDue(deps, N, { batch: 25, parallel: 3 }),
      );
      // pg-boss delivers at least once: the same message's job may run on several workers.
      const jobs = Array.from({ length: 4 }, async () => {
        const outcomes = [];
        for (const id of shuffled()) outcomes.push(await deliver(deps, id));
        return outcomes;
      });
      // pg-boss hands a worker 20 jobs at once: claimed together, in another order each time.
      const jobBatches = Array.from({ length: 2 }, async () => {
        const order = shuffled();
        const outcomes = [];
        for (let i = 0; i < order.length; i += 20) {
          outcomes.push(...(await deliverMany(deps, order.slice(i, i + 20), 5)));
        }
        return outcomes;
      });
      const outcomes = (await Promise.all([...sweeps, ...jobs, ...jobBatches])).flat();

      const raceKeys = [...arrived.keys()].filter((k) => k.startsWith('race:'));
      expect(raceKeys).toHaveLength(N);
      expect([...arrived.values()].filter((n) => n !== 1)).toEqual([]);
      expect(outcomes.filter((o) => o === 'sent').length).toBeGreaterThanOrEqual(N);
      expect(outcomes.filter((o) => o === 'failed')).toEqual([]);
      const state = await h.db.query<{ status: string; n: number; with_vendor: number }>(
        `select status, count(*)::int as n, count(vendor_id)::int as with_vendor
           from notification_messages where id = any($1::uuid[]) group by status`,
        [ids],
      );
      expect(state.rows).toEqual([{ status: 'sent', n: N, with_vendor: N }]);
      const attempts = await h.db.query<{ max: number }>(
        'select max(attempts)::int as max from notification_messages where id = any($1::uuid[])',
        [ids],
      );
      expect(attempts.rows[0]!.max).toBe(1);
    } finally {
      deps.channels = channels;
    }
  });
});
