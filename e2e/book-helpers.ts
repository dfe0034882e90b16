import type { Page } from 'playwright-core';
import { expectAccessible } from './a11y.ts';

/** axe at the portal's two widths (phone 390, desktop 1280); the page's own width is put back. */
export async function accessibleAt390And1280(page: Page, state: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await expectAccessible(page, state);
  }
  await page.setViewportSize(before);
}

/** The step heading (`h2`) the flow moved focus to. */
export async function focusedHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el && /^H[12]$/.test(el.tagName) ? el.textContent : null;
  });
}

/** Posts JSON as the page's context (its cookie), with the Origin the server's CSRF check wants. */
export async function postAs(page: Page, serverUrl: string, path: string, data: unknown) {
  const res = await page.request.post(serverUrl + path, { headers: { origin: serverUrl }, data });
  return { status: res.status(), body: (await res.json().catch(() => null)) as unknown };
}

/**
 * Keyboard only: presses Tab (Shift+Tab with `back`) until the focused element's name matches,
 * then returns how many presses it took. Fails after 80 presses.
 */
export async function tabTo(page: Page, name: RegExp, opts: { back?: boolean } = {}) {
  for (let i = 1; i <= 80; i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.getAttribute('aria-label') ?? el.innerText ?? '').trim() : '';
    });
    if (name.test(label)) return i;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The six-digit code in the newest mail to `to` with that subject (after `since`). */
export function codeIn(text: string): string {
  return /\b(\d{6})\b/.exec(text)![1]!;
}

/** At 320 px (and so at 200% zoom of a 640 px window) nothing needs scrolling sideways. */
export async function fitsAt320(page: Page): Promise<boolean> {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 320, height: 640 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= 320);
  await page.setViewportSize(before);
  return fits;
}

/** The demo guide's path to a returning patient's care-plan check-in, in person. */
export async function guideToCheckIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
  await page.getByRole('button', { name: /check-in on my care plan/ }).click();
  await page.getByRole('button', { name: 'In person' }).click();
}

/**
 * From "Where and with whom": all times, the third day that has any (a few days out: before the
 * cut-off and the minimum notice), and returns that day's first time button, not yet pressed.
 */
export async function aTimeDaysOut(page: Page) {
  await page.getByRole('button', { name: 'See all times' }).click();
  await page
    .getByRole('list', { name: /^Days with open times/ })
    .getByRole('button')
    .nth(2)
    .click();
  return page
    .getByRole('list', { name: /^Times on / })
    .getByRole('button')
    .first();
}

/** The demo clinic's new-patient intake form, answered and sent. */
export async function answerDemoIntake(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Check-up' }).check();
  await page
    .getByRole('radiogroup', { name: /allergic/ })
    .getByLabel('No')
    .check();
  await page
    .getByRole('radiogroup', { name: /insurance cover/ })
    .getByLabel('No')
    .check();
  await page.getByRole('button', { name: 'Send my answers' }).click();
}
