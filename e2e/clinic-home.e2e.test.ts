import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { phone, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

describe('the first page, on a phone', () => {
  it('shows the demo clinic, its locations and one "Book a visit", with no console errors at all (no 401, script or CSP error)', async () => {
    const page = await env.browser.newPage(phone);
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const apiCalls: string[] = [];
    page.on(
      'response',
      (r) =>
        r.url().includes('/api/') && apiCalls.push(`${r.status()} ${new URL(r.url()).pathname}`),
    );

    await page.goto(env.server.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Riverside Family Health (demo)',
    );
    await expect(page.getByText('Demo clinic: sample data only').isVisible()).resolves.toBe(true);
    const cards = page.locator('article.card h3');
    expect(await cards.allTextContents()).toEqual([
      'Riverside Desert Clinic',
      'Riverside Downtown',
    ]);
    await expect(page.getByText('Times shown in America/Phoenix').isVisible()).resolves.toBe(true);
    expect(await page.getByRole('link', { name: 'Book a visit' }).count()).toBe(1);
    expect(apiCalls.sort()).toEqual([
      // "Is anyone signed in?" answers 200 to a visitor: no failed request in the console.
      '200 /api/auth/session/state',
      '200 /api/organizations',
      '200 /api/organizations/demo',
    ]);
    await expectAccessibleAtBothWidths(page, 'home');

    // The strict CSP blocks inline script and style: a violation would show up here.
    expect(problems).toEqual([]);

    // "Book a visit" leads to the booking page's place, which says what comes there.
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Book a visit' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    // Focus moved to the new page's heading, which was announced.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.title()).toBe('Book a visit · Hourglass');
    await expectAccessibleAtBothWidths(page, 'book');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('switches to Spanish in place, sets <html lang> and remembers the choice', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/book`);
    await page.getByRole('heading', { level: 1, name: 'Book a visit' }).waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reservar una cita' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expectAccessibleAtBothWidths(page, 'book, in Spanish');
    // Only the language code is kept.
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({ 'hourglass.locale': 'es' });
    await page.goto(env.server.url);
    await page.getByRole('heading', { level: 2, name: 'Sedes' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Locations' }).waitFor();
    await context.close();
  });

  it('answers an unknown address with a page that says so and leads home', async () => {
    const page = await env.browser.newPage(phone);
    await page.goto(`${env.server.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'not found');
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riverside Family Health (demo)' }).waitFor();
    await page.close();
  });

  it('serves deep links to the app and caches hashed assets for a year', async () => {
    const page = await env.browser.newPage();
    const res = await page.goto(`${env.server.url}/book/some/deep/link`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['cache-control']).toBe('no-cache');
    const script = await page.locator('script[type=module]').getAttribute('src');
    const asset = await fetch(new URL(script!, env.server.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await page.close();
  });
});
