import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bars, measure, measuredPages, shortfalls, type Measurement } from './lighthouse.ts';
import { startServer } from './server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

describe('Lighthouse, mobile, on the production build served by the real server', () => {
  it(`the landing and booking pages reach performance ${bars.performance}, best practices ${bars['best-practices']}, accessibility ${bars.accessibility}`, async () => {
    const m: Measurement = await measure(server.url);
    expect(m.pages.map((p) => p.path)).toEqual([...measuredPages]);
    const misses = m.pages.flatMap(shortfalls);
    expect(
      misses,
      `CPU benchmark index ${m.benchmarkIndex}, slowdown ×${m.cpuSlowdownMultiplier}`,
    ).toEqual([]);
  }, 600_000);
});
