import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import { clinicDay, expectAccessibleConsole, signInAtClinic } from './clinic-day.ts';
import { choose } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// The channel order of patient messages: a manager gives follow-up visits their own order (text
// message first, no push) with the keyboard; the clinic's order stays the standard one.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

describe('the patient messages setup page', () => {
  it('a manager sets a visit type’s own channel order; the clinic’s stays as it was', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await page.goto(`${env.server.url}/console/setup`);
    await signInAtClinic(page, day, demo.manager);
    await page.getByRole('link', { name: 'Patient messages' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Patient messages' }).waitFor();
    await page.getByText('This is the standard order', { exact: false }).waitFor();
    const order = page.getByRole('list', { name: 'Channels, in the order they are tried' });
    // Each item: the channel's name, then its buttons (↑, ✕).
    const names = async () =>
      (await order.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/[↑✕]/g, '').trim());
    await expect.poll(names).toEqual(['Email', 'Text message', 'Push notification']);
    await expectAccessibleConsole(page, 'setup: patient messages');

    await choose(page, /Applies to$/, 'Follow-up visit');
    await page.getByText('This is the standard order', { exact: false }).waitFor();
    // Keyboard only: move text messages first, stop using push, save.
    const up = page.getByRole('button', { name: 'Move Text message up' });
    await up.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Stop using Push notification' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Use Push notification' }).waitFor();
    await page.getByRole('button', { name: 'Save order' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved. New messages use this order.').waitFor();
    await page.getByText('This visit type has its own order.').waitFor();
    await expect.poll(names).toEqual(['Text message', 'Email']);
    await expectAccessibleConsole(page, 'setup: a visit type’s own channel order');

    // What the server keeps: the type's own order; the clinic's is still the standard one.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Patient messages' }).waitFor();
    await page.getByText('This is the standard order', { exact: false }).waitFor();
    await choose(page, /Applies to$/, 'Follow-up visit');
    await page.getByText('This visit type has its own order.').waitFor();
    await expect.poll(names).toEqual(['Text message', 'Email']);
    await context.close();
  });
});
