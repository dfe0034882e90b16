import { describe, expect, it } from 'vitest';
import { totpCode } from '../server/src/modules/identity/identity.totp.ts';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

describe('the pages the server emails link to', () => {
  it('a new staff member accepts the invitation, sets up TOTP, saves recovery codes, reaches the console, then resets a forgotten password', async () => {
    // The admin invites through the API (the console's users page is another issue's).
    const admin = await env.browser.newContext();
    await signInByApi(admin.request, env.server.url, demo.admin);
    const email = 'new.desk@demo.hourglass.invalid';
    const invited = await admin.request.post(`${env.server.url}/api/admin/invitations`, {
      headers: { origin: env.server.url },
      data: { email, displayName: 'Robin Newdesk', roles: ['front_desk'] },
    });
    expect(invited.status()).toBe(201);
    await admin.close();

    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    const recorder = recordLeaks(context);
    const invitation = linkIn(await waitForMail(env.server.url, email, /invited/), '/invitation');
    await page.goto(env.server.url + invitation);
    await page.getByRole('heading', { level: 1, name: 'Welcome to the team' }).waitFor();
    // The token was read from the fragment and is gone from the address bar.
    expect(page.url()).toBe(`${env.server.url}/invitation`);
    await expectAccessibleAtBothWidths(page, 'invitation');
    const password = 'quiet lantern over seven hills';
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('Please use at least 12 characters.').waitFor();
    await expectAccessibleAtBothWidths(page, 'invitation, password too short');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account is ready' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'invitation accepted');

    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // First sign-in of a workforce account: set up the authenticator.
    await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in/enroll');
    const qr = page.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d/);
    const secret = (await page.locator('code.secret').textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessibleAtBothWidths(page, 'enrollment');
    await page.getByLabel('Six-digit code').fill('123');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Please enter the six digits the app shows.').waitFor();
    await page.getByLabel('Six-digit code').fill(await totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Confirm' }).click();

    await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    expect(await codes.count()).toBe(10);
    await expectAccessibleAtBothWidths(page, 'recovery codes');
    const continueButton = page.getByRole('button', { name: 'Continue' });
    expect(await continueButton.isDisabled()).toBe(true);
    await page.getByText('I have saved my recovery codes').click();
    await continueButton.click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Robin Newdesk' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console');

    // Sign out, then forget the password.
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The sign-in page says so once signing out has finished (a click before it may be undone).
    await page.getByText('You are signed out.').waitFor();
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'forgot password');
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'forgot password, sent');

    const reset = linkIn(await waitForMail(env.server.url, email, /Reset your/), '/reset-password');
    await page.goto(env.server.url + reset);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    expect(page.url()).toBe(`${env.server.url}/reset-password`);
    await expectAccessibleAtBothWidths(page, 'reset password');
    const newPassword = 'a brand new quiet meadow';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password is changed' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'password changed');

    // The same link a second time (opened anew, as from the email) is refused, and says what to do.
    await page.goto('about:blank');
    await page.goto(env.server.url + reset);
    await page.getByLabel('New password').fill('yet another long password');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.getByText('This link has expired or was already used').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'reset link used');

    // The new password works (with the second factor).
    await page.goto(`${env.server.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByLabel('Code from your authenticator app')
      .fill(await totpCode(secret, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Robin Newdesk' }).waitFor();

    // Tokens and secrets never went into a URL the server saw, storage or the console.
    const tokens = [invitation, reset].map((l) => l.split('#token=')[1]!);
    expect(await recorder.leaks(page, [...tokens, secret, password, newPassword])).toEqual([]);
    await context.close();
  });

  it('a new patient registers with what booking needs, confirms the email once, and signs in with the emailed code', async () => {
    const context = await env.browser.newContext(phone);
    let page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'register');

    // Nothing filled in: the first field in error takes focus, each error sits by its field.
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Please fill this in.').first().waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
      .toBe('legalName.given');
    await expectAccessibleAtBothWidths(page, 'register, with errors');
    // Every error in the reader's language, the choices' "required" too (not the browser's).
    const sex = page.getByRole('radiogroup', { name: 'Sex' });
    await sex.getByText('Please fill this in.').waitFor();
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page
      .getByRole('radiogroup', { name: 'Sexo' })
      .getByText('Complete este campo.')
      .waitFor();
    expect(await page.locator('.field-error').allInnerTexts()).not.toContainEqual(
      expect.stringMatching(/Please|select|fill/),
    );
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();

    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Last name').fill('Quintero Ruiz');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByRole('spinbutton', { name: /month/ }).pressSequentially('04');
    await dob.getByRole('spinbutton', { name: /day/ }).pressSequentially('09');
    await dob.getByRole('spinbutton', { name: /year/ }).pressSequentially('1987');
    await page.getByText('Female', { exact: true }).click();
    await page.getByLabel('Mobile phone').fill('+1 555 0142');
    await page.getByLabel('Email').fill('ana.q@example.org');
    await page
      .getByRole('radiogroup', { name: 'Language for messages from the clinic' })
      .getByText('Español')
      .click();
    await page.getByLabel('Password', { exact: true }).fill('a long and quiet river');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'registered');
    await context.close();

    const email = 'ana.q@example.org';
    const link = linkIn(
      await waitForMail(env.server.url, email, /Confirm your email/),
      '/verify-email',
    );

    const confirming = await env.browser.newContext(desktop);
    page = await confirming.newPage();
    await page.goto(env.server.url + link);
    await page.getByRole('heading', { level: 1, name: 'Your email is confirmed' }).waitFor();
    expect(page.url()).toBe(`${env.server.url}/verify-email`);
    await expectAccessibleAtBothWidths(page, 'email confirmed');

    // A second visit, or a link without its token, says it could not confirm.
    await page.goto('about:blank');
    await page.goto(env.server.url + link);
    await page
      .getByRole('heading', { level: 1, name: 'We could not confirm your email' })
      .waitFor();
    await page.getByText('This link has expired or was already used').waitFor();
    await page.goto(`${env.server.url}/verify-email`);
    await page.getByText('This link is incomplete').waitFor();
    await expectAccessibleAtBothWidths(page, 'verification link incomplete');

    // Confirmed: the account signs in, its second factor a code emailed to the address.
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await signInOnPage(page, { email, password: 'a long and quiet river', totpSecret: null });
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // The account is linked to a record holding what was given: the patient reads it back.
    const session = (await (
      await page.request.get(`${env.server.url}/api/auth/session`)
    ).json()) as {
      account: { patientId: string; displayName: string };
    };
    expect(session.account.displayName).toBe('Ana Quintero Ruiz');
    const record = await page.request.get(
      `${env.server.url}/api/patients/${session.account.patientId}`,
    );
    expect(record.status()).toBe(200);
    expect(await record.json()).toMatchObject({
      legalName: { given: 'Ana', family: 'Quintero Ruiz' },
      dateOfBirth: '1987-04-09',
    });
    await confirming.close();
  });
});
