import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { phone, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

/** The booking route's budget (issue #11), gzipped. */
const budget = 150 * 1024;

describe('the JavaScript a first visit to a page costs', () => {
  it('the booking page loads at most 150 kB of JavaScript, gzipped', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    const scripts = new Map<string, Promise<number>>();
    // Every script the browser fetches for the page, however the build splits it; each counted
    // once, at its gzipped size.
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script' || scripts.has(res.url())) return;
      scripts.set(
        res.url(),
        res.body().then((b) => gzipSync(b).length),
      );
    });
    await page.goto(`${env.server.url}/book`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    const sizes = await Promise.all(scripts.values());
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(scripts.size).toBeGreaterThan(1);
    // The later steps come as the patient moves on, not with the first screen.
    const later = [...scripts.keys()].filter((u) => /\/(step-|hold-|book-again)/.test(u));
    expect(later).toEqual([]);
    expect(total, `${(total / 1024).toFixed(1)} kB in ${scripts.size} scripts`).toBeLessThanOrEqual(
      budget,
    );
    await context.close();
  });
});
