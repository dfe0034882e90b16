// Lighthouse, mobile, on the landing and booking pages (issue #11's bars): the production build,
// served by the real server started by its CLI, measured in Debian's Chromium.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { bars, measure } from '../e2e/lighthouse.ts';
import { startServer } from '../e2e/server.ts';
import type { Bench } from './run.ts';

const root = path.resolve(import.meta.dirname, '..');
const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;

const bench: Bench = {
  title: 'Lighthouse, mobile (landing and booking pages)',
  async run() {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const server = await startServer();
    try {
      const m = await measure(server.url);
      const rows = m.pages.map(
        (p) =>
          `| \`${p.path}\` | ${p.scores.performance} | ${p.scores.accessibility} | ${p.scores['best-practices']} | ${ms(p.metrics.fcp)} | ${ms(p.metrics.lcp)} | ${ms(p.metrics.tbt)} | ${p.metrics.cls.toFixed(3)} |`,
      );
      const lost = m.pages.flatMap((p) =>
        p.lost.map(
          (l) => `- \`${p.path}\`: ${l.title}${l.displayValue ? ` (${l.displayValue})` : ''}`,
        ),
      );
      return [
        `Bars: performance ≥ ${bars.performance}, accessibility ${bars.accessibility}, best practices ≥ ${bars['best-practices']}.`,
        '',
        '| page | performance | accessibility | best practices | FCP | LCP | TBT | CLS |',
        '|---|---|---|---|---|---|---|---|',
        ...rows,
        '',
        `Lighthouse's mobile settings (slow 4G, simulated) with the CPU slowdown calibrated to this machine as Lighthouse's docs describe: benchmark index ${Math.round(m.benchmarkIndex)} before the runs, so ×${m.cpuSlowdownMultiplier} instead of the ×4 meant for a 1500–2000 desktop (\`calibratedMultiplier\` in e2e/lighthouse.ts). The machine is shared: a busier moment gives a lower index and slower observed tasks.`,
        '',
        lost.length ? 'Where points were lost:' : 'No weighted audit lost points.',
        ...lost,
      ].join('\n');
    } finally {
      await server.stop();
    }
  },
};

export default bench;
