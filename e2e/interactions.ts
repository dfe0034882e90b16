import type { Page } from 'playwright-core';

/**
 * Counts what a person does: every trusted click (or tap) and key press in the page, across
 * navigations and reloads. `fill()` types no keys: count typing with `keyboard.type`.
 */
export async function countInteractions(page: Page) {
  const counts = { clicks: 0, keys: 0 };
  await page.exposeBinding('__hourglassInteraction', (_source, kind: 'click' | 'key') => {
    if (kind === 'click') counts.clicks++;
    else counts.keys++;
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __hourglassInteraction(k: string): void })
      .__hourglassInteraction;
    addEventListener('click', (e) => e.isTrusted && e.detail > 0 && report('click'), true);
    addEventListener('keydown', (e) => e.isTrusted && report('key'), true);
  });
  return {
    get clicks() {
      return counts.clicks;
    },
    get keys() {
      return counts.keys;
    },
    get total() {
      return counts.clicks + counts.keys;
    },
    reset() {
      counts.clicks = 0;
      counts.keys = 0;
    },
  };
}
