import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** WCAG 2.2 AA, as axe-core tags it. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Best-practice rules checked besides WCAG: a skipped heading level (Lighthouse's accessibility
 * audit counts it, and a screen-reader user navigating by headings loses the outline).
 */
export const bestPracticeRules = ['heading-order'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page as it is now (evaluated through the debugging protocol, so the
 * page's CSP does not stop it) and fails listing every violation with where it is.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const ready = await page.evaluate(() => 'axe' in window);
  if (!ready) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, extra }) => {
      const axe = (
        window as unknown as {
          axe: {
            run(c: unknown, o: unknown): Promise<{ violations: unknown }>;
            getRules(tags: string[]): { ruleId: string }[];
          };
        }
      ).axe;
      // React Aria's off-screen live log: a pending button announces its label by reference, and
      // that entry outlives the button for a few seconds when the page changes.
      const context = { exclude: [['[data-live-announcer]']] };
      const rules = [...axe.getRules(tags).map((r) => r.ruleId), ...extra];
      const result = await axe.run(context, { runOnly: { type: 'rule', values: rules } });
      return result.violations as Violation[];
    },
    { tags: wcagTags, extra: bestPracticeRules },
  );
  if (violations.length === 0) return;
  const width = page.viewportSize()?.width;
  const lines = violations.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `    at ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
  ]);
  throw new Error(
    `axe: ${violations.length} violation(s) on "${state}" at ${width}px:\n${lines.join('\n')}`,
  );
}

/** The same check at 360 px and at desktop width; the page's own width is put back after. */
export async function expectAccessibleAtBothWidths(page: Page, state: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    // Layout settles on the next frame; axe then sees what a person sees.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await expectAccessible(page, state);
  }
  await page.setViewportSize(before);
}

/** Console pages: the same check at tablet (768 px) and desktop width. */
export async function expectAccessibleAtConsoleWidths(page: Page, state: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const viewport of [
    { width: 768, height: 1024 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await expectAccessible(page, state);
  }
  await page.setViewportSize(before);
}
