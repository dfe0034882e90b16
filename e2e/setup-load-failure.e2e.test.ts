import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

/** The setup rules answer 503 (the server's trouble, retried by the app) while `failing.on`. */
async function failSetupRules(page: Page) {
  const failing = { on: true, refused: 0 };
  await page.route('**/api/organizations/*/setup-rules', async (route) => {
    if (!failing.on) return route.continue();
    failing.refused++;
    return route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        type: 'urn:hourglass:problem:server-error',
        title: 'Service unavailable',
        status: 503,
      }),
    });
  });
  return failing;
}

describe('a setup page whose reads fail', () => {
  it('says so with a retry instead of "Loading…" forever, and the retry loads the page', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    const failing = await failSetupRules(page);
    await page.goto(`${env.server.url}/sign-in?redirect=/console/setup/hours`);
    await signInOnPage(page, demo.manager);
    await page.getByRole('heading', { level: 1, name: 'Working hours' }).waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' });
    await alert.waitFor();
    await alert.getByText('Something went wrong on our side.', { exact: false }).waitFor();
    expect(await page.getByText('Loading…').count()).toBe(0);
    expect(failing.refused).toBeGreaterThan(0);
    await expectAccessibleAtConsoleWidths(page, 'setup page: reads failed');

    // The server is back: the retry, by keyboard, loads the page.
    failing.on = false;
    await alert.getByRole('button', { name: 'Try again' }).press('Enter');
    await page.getByRole('group', { name: 'Whose hours' }).waitFor();
    await expect.poll(() => alert.count()).toBe(0);
    await context.close();
  });

  it('the holidays page, a records table, does the same', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    const failing = await failSetupRules(page);
    await page.goto(`${env.server.url}/sign-in?redirect=/console/setup/holidays`);
    await signInOnPage(page, demo.manager);
    const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded.' });
    await alert.waitFor();
    expect(await page.getByText('Loading…').count()).toBe(0);
    failing.on = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'Add a holiday' }).waitFor();
    await expect.poll(() => alert.count()).toBe(0);
    await context.close();
  });
});
