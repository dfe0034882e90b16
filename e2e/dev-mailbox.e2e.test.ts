import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo } from './accounts.ts';
import { phone, useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

describe('the demo mailbox (development only)', () => {
  it('lets someone trying the demo read their emailed sign-in code without a developer console', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(env.server.url);
    const mailboxLink = page.getByRole('link', { name: /^Demo mailbox/ });
    await mailboxLink.waitFor();
    const mailboxHref = await mailboxLink.getAttribute('href');
    expect(mailboxHref).toBe('/dev/mail');

    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Email').fill(demo.patient.email);
    await page.getByLabel('Password', { exact: true }).fill(demo.patient.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Code from the email').waitFor();

    // The way a person would: the footer's link, opened in a second tab.
    const mailbox = await context.newPage();
    await mailbox.goto(env.server.url + mailboxHref);
    await mailbox.getByRole('heading', { level: 1, name: 'Demo mailbox' }).waitFor();
    const message = mailbox.getByRole('listitem').filter({ hasText: 'sign-in code' }).first();
    await message.waitFor();
    await expect
      .poll(async () => (await message.textContent())?.includes(`To ${demo.patient.email}`))
      .toBe(true);
    await expectAccessibleAtBothWidths(mailbox, 'demo mailbox');
    const code = /\b(\d{6})\b/.exec((await message.textContent()) ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);

    await page.getByLabel('Code from the email').fill(code!);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /^Account menu/ }).waitFor();
    await context.close();
  });

  it('makes the links in a message followable in this app', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/forgot-password`);
    await page.getByLabel('Email').fill(demo.patient.email);
    await page.getByRole('button', { name: /Send/ }).click();
    await page.getByText('a link is on its way').waitFor();

    await page.goto(`${env.server.url}/dev/mail`);
    const message = page.getByRole('listitem').filter({ hasText: /reset/i }).first();
    await message.waitFor();
    await message.getByRole('link', { name: /^\/reset-password#token=/ }).click();
    await page.getByRole('heading', { level: 1, name: /password/i }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/reset-password');
    await context.close();
  });
});
