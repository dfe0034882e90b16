import { describe, expect, it } from 'vitest';
import { useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

describe('the first page, on a phone', () => {
  it('shows the demo clinic and its locations, read from the API, with no script errors', async () => {
    const page = await env.browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
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
    expect(apiCalls).toEqual(['200 /api/organizations', '200 /api/organizations/demo']);
    // The strict CSP blocks inline script and style: a violation would show up here.
    expect(problems).toEqual([]);
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
