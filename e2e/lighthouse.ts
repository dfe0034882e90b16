// Lighthouse, mobile (its default: a mid-tier phone on a slow 4G link, simulated), against the
// production build served by the real server, driving Debian's Chromium.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { throttling } from 'lighthouse/core/config/constants.js';

export const categories = ['performance', 'accessibility', 'best-practices'] as const;
export type Category = (typeof categories)[number];

/** The bars issue #11 sets for the landing and booking pages. */
export const bars: Record<Category, number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 95,
};

/** The pages measured, by path. */
export const measuredPages = ['/', '/book'] as const;

export interface PageScores {
  path: string;
  scores: Record<Category, number>;
  /** Weighted audits below a full score, with Lighthouse's titles: where points were lost. */
  lost: { id: string; title: string; score: number; displayValue?: string }[];
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; si: number };
  benchmarkIndex: number;
}

export interface Measurement {
  pages: PageScores[];
  /** Lighthouse's CPU benchmark of this machine, measured before the runs. */
  benchmarkIndex: number;
  /** The CPU slowdown the runs simulated (4 on the desktop Lighthouse assumes). */
  cpuSlowdownMultiplier: number;
}

const chromeFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The CPU slowdown that makes this machine the phone Lighthouse emulates. Lighthouse's 4× assumes
 * a high-end desktop (benchmark index 1500–2000) and brings it to a mid-tier phone (about 440);
 * on a slower or busier host its docs say to lower the multiplier in proportion
 * (lighthouse/docs/throttling.md, "Calibrating the CPU slowdown"). Never above 4, never below 1.
 */
export function calibratedMultiplier(benchmarkIndex: number): number {
  return Math.min(4, Math.max(1, Math.round((benchmarkIndex / 440) * 10) / 10));
}

/**
 * Measures each path of `baseUrl` in one Chromium (a fresh profile for each run). The machine is
 * benchmarked first with a short Lighthouse run of the first path; the measured runs simulate
 * the CPU slowdown calibrated from it, unless `cpuSlowdownMultiplier` is given.
 */
export async function measure(
  baseUrl: string,
  paths: readonly string[] = measuredPages,
  opts: { cpuSlowdownMultiplier?: number } = {},
): Promise<Measurement> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags,
    logLevel: 'silent',
  });
  const run = async (url: string, flags: Record<string, unknown>) => {
    const runner = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      ...flags,
    });
    if (!runner) throw new Error(`lighthouse gave no result for ${url}`);
    if (runner.lhr.runtimeError) throw new Error(`lighthouse: ${runner.lhr.runtimeError.message}`);
    return runner.lhr;
  };
  try {
    let multiplier = opts.cpuSlowdownMultiplier;
    let benchmarkIndex = NaN;
    if (multiplier === undefined) {
      const probe = await run(`${baseUrl}${paths[0]}`, { onlyAudits: ['first-contentful-paint'] });
      benchmarkIndex = probe.environment.benchmarkIndex;
      multiplier = calibratedMultiplier(benchmarkIndex);
    }
    const pages: PageScores[] = [];
    for (const path of paths) {
      const lhr = await run(`${baseUrl}${path}`, {
        onlyCategories: [...categories],
        throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: multiplier },
      });
      const scores = Object.fromEntries(
        categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
      ) as Record<Category, number>;
      const lost = categories
        .flatMap((c) => lhr.categories[c]?.auditRefs ?? [])
        .filter((r) => r.weight > 0)
        .map((r) => lhr.audits[r.id]!)
        .filter((a) => a.score !== null && a.score < 1)
        .map((a) => ({
          id: a.id,
          title: a.title,
          score: a.score!,
          ...(a.displayValue ? { displayValue: a.displayValue } : {}),
        }));
      const value = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      pages.push({
        path,
        scores,
        lost,
        metrics: {
          fcp: value('first-contentful-paint'),
          lcp: value('largest-contentful-paint'),
          tbt: value('total-blocking-time'),
          cls: value('cumulative-layout-shift'),
          si: value('speed-index'),
        },
        benchmarkIndex: lhr.environment.benchmarkIndex,
      });
    }
    return { pages, benchmarkIndex, cpuSlowdownMultiplier: multiplier };
  } finally {
    chrome.kill();
  }
}

/** The bars a page misses, each with the audits that cost it points. */
export function shortfalls(page: PageScores): string[] {
  return categories
    .filter((c) => page.scores[c] < bars[c])
    .map(
      (c) =>
        `${page.path} ${c} ${page.scores[c]} < ${bars[c]}; lost on: ${page.lost
          .map((l) => `${l.id}${l.displayValue ? ` (${l.displayValue})` : ''}`)
          .join(', ')}`,
    );
}
