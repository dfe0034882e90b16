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
