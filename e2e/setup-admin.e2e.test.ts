import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
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

  it('changes a user’s roles, then disables and re-enables the account, by keyboard', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/sign-in?redirect=${encodeURIComponent('/console/users')}`);
    await signInOnPage(page, demo.admin);
    await page.getByRole('heading', { level: 1, name: 'Users and access' }).waitFor();
    const name = 'Frankie Desk (demo)';
    const row = page.getByRole('table', { name: 'Staff accounts' }).getByRole('row', { name });
    await row.waitFor();
    const setup = async () => {
      const desk = await env.browser.newContext();
      await signInByApi(desk.request, env.server.url, demo.front_desk);
      const status = (
        await desk.request.get(`${env.server.url}/api/organizations/demo/setup-rules`)
      ).status();
      await desk.close();
      return status;
    };
    expect(await setup()).toBe(403);

    // Roles: the front desk also manages the clinic.
    await page.getByRole('button', { name: `Change roles of ${name}` }).press('Enter');
    const form = page.getByRole('region', { name: `Roles of ${name}` });
    await form.getByRole('checkbox', { name: /^Manager/ }).press('Space');
    await form.getByRole('button', { name: 'Save the roles' }).press('Enter');
    await page.getByText(`The roles of ${name} are changed.`, { exact: false }).waitFor();
    await expect.poll(() => row.textContent()).toContain('Manager');
    await expectAccessibleAtConsoleWidths(page, 'roles changed');
    expect(await setup()).toBe(200);

    // Disabled: the password no longer signs in. Enabled again: it does.
    await page.getByRole('button', { name: `Disable ${name}` }).press('Enter');
    await expect.poll(() => row.textContent()).toContain('Disabled');
    await page.getByRole('button', { name: `Enable ${name}` }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'user disabled');
    const refused = await context.request.post(`${env.server.url}/api/auth/sign-in`, {
      headers: { origin: env.server.url },
      data: {
        organization: 'demo',
        email: demo.front_desk.email,
        password: demo.front_desk.password,
      },
    });
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    await page.getByRole('button', { name: `Enable ${name}` }).press('Enter');
    await expect.poll(() => row.textContent()).toContain('Active');
    expect(await setup()).toBe(200);
    await context.close();
  });
});
