import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import { clinicDay, signInAtClinic } from './clinic-day.ts';
import { PROVIDERS, seedBenchDay } from './bench-day.ts';
import { useServerAndBrowser } from './harness.ts';

// The bench's clinic in the browser: 50 providers at one location working 08:00–18:00, 30-minute
// visits, about 28 % of the day booked (the bench's week holds 1,942 appointments: ~280 a day).
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });
const LOADS = 5;

/** A mark's time from the navigation's start (waits for it to be set). */
async function readMark(page: Page, name: string): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => performance.getEntriesByName(n)[0]?.startTime ?? false,
    name,
    { polling: 50, timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the schedule grid, 50 providers', () => {
  it(
    'draws a 50-provider day in under a second from navigation',
    { timeout: 300_000 },
    async () => {
      const setup = await env.browser.newContext();
      const deskSetup = await env.browser.newContext();
      const bench = await seedBenchDay(env.server.url, day, setup.request, deskSetup.request);
      await setup.close();
      await deskSetup.close();

      // The date is in the address, so this browser keeps its real clock: a faked one replaces
      // `performance` too, and its marks with it.
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${env.server.url}/console`);
      await signInAtClinic(page, day, demo.front_desk);
      await page.getByRole('heading', { level: 1, name: /^Welcome/ }).waitFor();
      const url = `${env.server.url}/console/schedule?location=${bench.locationId}&date=${bench.date}`;
      const answers: number[] = [];
      const grids: number[] = [];
      let cells = 0;
      let entries = 0;
      for (let i = 0; i < LOADS; i++) {
        await page.goto(url);
        await page.getByRole('columnheader', { name: 'Provider 48' }).waitFor({ timeout: 60_000 });
        answers.push(await readMark(page, 'schedule-answer'));
        grids.push(await readMark(page, 'schedule-grid-rendered'));
        cells = await page.getByRole('gridcell').count();
        entries = await page.locator('.appt').count();
      }
      expect(await page.getByRole('columnheader').count()).toBe(PROVIDERS);
      expect(entries).toBeGreaterThan(250);
      // The goal holds on a machine doing nothing else; on a shared, overloaded one (load above
      // the core count) the figure is recorded, not asserted.
      const cores = os.cpus().length;
      const load = os.loadavg()[0]!;
      const met = median(grids) < 1000;
      if (load < cores) expect(median(grids)).toBeLessThan(1000);
      const renders = grids.map((g, i) => g - answers[i]!);
      const section = `Measured by \`e2e/schedule-speed.e2e.test.ts\` (\`npm run test:e2e -- schedule-speed\`), which
writes this section to \`bench/schedule-grid.md\`; \`npm run bench\` copies it here (${LOADS} loads). The bench's
shape in the real server and Debian's Chromium (headless, 1280 × 900): ${PROVIDERS} providers at
one location working 08:00–18:00, 30-minute visits, ${entries} appointments on the day (~28 % of
it, as in the bench's week), as the front desk sees it: ${cells.toLocaleString('en-US')} grid
cells, patient names decrypted for each visit. Times from the navigation's start of a full page
load (the app's code, the session, the clinic, the directory and the schedule's answer, asked
for together) to \`performance.mark\`s the page sets: the schedule's answer in hand
(\`schedule-answer\`) and the first frame after the grid's cells are in the document
(\`schedule-grid-rendered\`).

| | median | fastest | slowest |
|---|---|---|---|
| navigation → grid drawn | ${ms(median(grids))} | ${ms(Math.min(...grids))} | ${ms(Math.max(...grids))} |
| navigation → schedule's answer | ${ms(median(answers))} | ${ms(Math.min(...answers))} | ${ms(Math.max(...answers))} |
| answer → grid drawn (React and layout) | ${ms(median(renders))} | ${ms(Math.min(...renders))} | ${ms(Math.max(...renders))} |

Goal: the 50-provider day drawn under 1 second — **${met ? 'met' : 'not met on this run'}**.
(${new Date().toISOString().slice(0, 10)}, ${cores} cores, 1-minute load average ${load.toFixed(1)}${load >= cores ? ': the machine was overloaded by other work, so the figure is an upper bound and the test records it without asserting it' : ''}.)
`;
      writeFileSync(path.resolve(import.meta.dirname, '../bench/schedule-grid.md'), section);
      await context.close();
    },
  );
});
