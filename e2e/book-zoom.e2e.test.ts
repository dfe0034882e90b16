import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { aTimeDaysOut } from './book-helpers.ts';
import { useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

/**
 * A 1280 × 800 window at 200% zoom: 640 × 400 CSS pixels, each drawn with two device pixels
 * (WCAG 1.4.4 and 1.4.10, as a person who enlarges the page sees it).
 */
const zoomed = { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 };

/** What does not fit: sideways scrolling, or visible boxes reaching past either edge. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue; // visually hidden (clipped to 1 px), empty
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (r.left < -1 || r.right > width + 1) {
        const what = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
        out.push(`${el.tagName.toLowerCase()} "${what}" spans ${r.left}..${r.right} of ${width}`);
      }
    }
    return out;
  });
}

describe('booking at 200% zoom', () => {
  it('a 1280-wide window at 200% (640 CSS px): nothing cut off, no sideways scroll, and the flow completes', async () => {
    const context = await env.browser.newContext({ ...zoomed, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    const fits = async () => expect(await overflow(page)).toEqual([]);
    const step = (name: string) => page.getByRole('heading', { level: 2, name }).waitFor();

    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();
    await fits();
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await step('What do you need?');
    await fits();
    await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
    await fits();
    await page.getByRole('button', { name: /check-in on my care plan/ }).click();
    await fits();
    await page.getByRole('button', { name: 'In person' }).click();
    await step('Where and with whom');
    await page.getByRole('button', { name: /^Book \d/ }).waitFor();
    await fits();
    const time = await aTimeDaysOut(page);
    await step('When');
    await time.waitFor();
    await fits();
    await time.click();
    await step('Review and confirm');
    await fits();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await step('You are booked');
    await fits();
    await context.close();
  });
});
