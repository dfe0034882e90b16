import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

describe('an admin manages users and access in the console', () => {
  it('invites a staff member by email, and shortens the automatic sign-out', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    const recorder = recordLeaks(context);
    await page.goto(`${env.server.url}/sign-in?redirect=${encodeURIComponent('/console/users')}`);
    await signInOnPage(page, demo.admin);
    await page.getByRole('heading', { level: 1, name: 'Users and access' }).waitFor();
    const accounts = page.getByRole('table', { name: 'Staff accounts' });
    await accounts.getByRole('row', { name: /Morgan Manager/ }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'users');

    // Invite: the form says where the invitation went; the mail arrives with its link.
    const email = 'jordan.newhire@demo.hourglass.invalid';
    const since = new Date().toISOString();
    const invite = page.getByRole('region', { name: 'Invite someone' });
    await invite.getByRole('textbox', { name: 'Name' }).fill('Jordan Newhire');
    await invite.getByRole('textbox', { name: 'Work email' }).fill(email);
    await invite.getByText('Front desk', { exact: true }).click(); // untick the default
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText('Choose at least one role.').waitFor();
    await invite.getByText('Clinician', { exact: true }).click();
    await page.getByRole('button', { name: /Their provider profile/ }).click();
    await page.getByRole('option', { name: 'Maria Reyes' }).click();
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByText(`Invitation sent to ${email}.`).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'invitation sent');
    const mail = await waitForMail(env.server.url, email, /invited/, { after: since });
    expect(linkIn(mail, '/invitation')).toMatch(/^\/invitation#token=[\w-]{43}$/);
    const invited = page
      .getByRole('region', { name: 'Invitations waiting' })
      .getByRole('row', { name: /Jordan Newhire/ });
    await invited.waitFor();
    expect(await invited.textContent()).toContain(email);

    // The session policy: the defaults, then shorter, kept after a reload.
    await page.getByRole('link', { name: 'Automatic sign-out (session policy)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Automatic sign-out' }).waitFor();
    const idle = page.getByRole('textbox', { name: /^Sign staff out after no activity for/ });
    await expect.poll(() => idle.inputValue()).toBe('15');
    await expectAccessibleAtConsoleWidths(page, 'session policy');
    await idle.fill('10');
    await page.getByRole('textbox', { name: /^Patient sessions last at most/ }).fill('8');
    await page.getByRole('button', { name: 'Save the policy' }).click();
    await page.getByText('Saved. New sessions follow it.').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'session policy saved');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Automatic sign-out' }).waitFor();
    await expect
      .poll(() => page.getByRole('textbox', { name: /^Sign staff out/ }).inputValue())
      .toBe('10');
    expect(
      await page.getByRole('textbox', { name: /^Patient sessions last at most/ }).inputValue(),
    ).toBe('8');

    expect(await recorder.leaks(page, [email])).toEqual([]);
    await context.close();
  });
});
