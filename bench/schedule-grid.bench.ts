import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Bench } from './run.ts';

/**
 * The 50-provider day drawn in the browser is measured by a browser test (it needs the built web
 * app, the server CLI and Chromium): `npm run test:e2e -- schedule-speed` writes its section to
 * bench/schedule-grid.md, and this copies the latest into BENCHMARKS.md.
 */
const bench: Bench = {
  title: 'The schedule grid in the browser (50 providers)',
  async run() {
    const file = path.join(import.meta.dirname, 'schedule-grid.md');
    return readFile(file, 'utf8').catch(
      () => 'Not measured yet: run `npm run test:e2e -- schedule-speed`.',
    );
  },
};
export default bench;
