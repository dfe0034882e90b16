import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { HOURGLASS_JOBS: 'true' } });
});
afterAll(() => h.close());

describe('health', () => {
  it('is live', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.json()).toEqual({ status: 'live' });
  });

  it('is ready when the database and the job queue answer', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'up', jobs: 'up' } });
  });

  it('runs queued jobs on the same database', async () => {
    const jobs = h.jobs!;
    await jobs.boss.createQueue('health-probe');
    const seen = new Promise((resolve) => {
      void jobs.boss.work('health-probe', async ([job]) => resolve(job?.data));
    });
    await h.db.transaction((tx) => jobs.send('health-probe', { probe: 1 }, { tx }));
    await expect(seen).resolves.toEqual({ probe: 1 });
  });

  it('a job queued in a transaction that rolls back never exists', async () => {
    const jobs = h.jobs!;
    await jobs.boss.createQueue('rolled-back');
    await h.db
      .transaction(async (tx) => {
        await jobs.send('rolled-back', { n: 1 }, { tx });
        throw new Error('the booking failed');
      })
      .catch(() => undefined);
    expect(await jobs.boss.fetch('rolled-back')).toEqual([]);
  });

  it('is not ready when the job queue is gone', async () => {
    await h.jobs!.stop();
    const res = await h.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks).toEqual({ database: 'up', jobs: 'down' });
  });
});
