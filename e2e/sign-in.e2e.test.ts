import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, freshTotp, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { countInteractions } from './interactions.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return `${el?.tagName} ${el?.getAttribute('name') ?? el?.textContent ?? ''}`;
  });

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: RegExp, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (matches.test(await focusedName(page))) return;
  }
  throw new Error(`never reached ${matches} with Tab`);
}

describe('signing in', () => {
  it('by keyboard alone: a front desk worker signs in with their authenticator and lands in the console', async () => {
    const page = await env.browser.newPage(phone);
    const counter = await countInteractions(page);
    await page.goto(env.server.url);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // The skip link comes first.
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('A Skip to main content');
    await tabTo(page, /Sign in/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // A new page's heading takes focus once it is shown (an effect after the render).
    await expect.poll(() => focusedName(page)).toMatch(/^H1 Sign in/);
    await expectAccessibleAtBothWidths(page, 'sign-in');

    await tabTo(page, /^INPUT email$/);
    await page.keyboard.type(demo.front_desk.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password at all');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('The email or password is not right').waitFor();
    await expectAccessibleAtBothWidths(page, 'sign-in, wrong password');

    await page.getByLabel('Password', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(demo.front_desk.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Confirm it is you' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in/verify');
    await expectAccessibleAtBothWidths(page, 'second factor');
    await tabTo(page, /^INPUT code$/);
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').getByText('That code is not right').waitFor();
    await expectAccessibleAtBothWidths(page, 'second factor, wrong code');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(await freshTotp(demo.front_desk.totpSecret));
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: /^Welcome, Frankie Desk/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console');
    // The front desk's areas only.
    const nav = page.getByRole('navigation', { name: 'Console' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Schedule',
      'Patients',
      'Waitlist',
    ]);
    await expectAccessibleAtBothWidths(page, 'console home');
    expect(counter.clicks).toBe(0);

    // The console's links lead to the role's pages.
    await tabTo(page, /Schedule/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    await expect.poll(() => focusedName(page)).toMatch(/^H1 Schedule/);
    await expectAccessibleAtBothWidths(page, 'console schedule');
    // An area outside the role says so instead of showing anything.
    await page.goto(`${env.server.url}/console/users`);
    await page.getByText('This area is not part of your role').waitFor();
    await page.close();
  });

  it('signs out: the session ends on the server, the console is closed and the page forgets it', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/console`);
    // Signed out, the console sends to sign-in and back after it.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/console');
    await signInOnPage(page, demo.clinician);
    await page.getByRole('heading', { level: 1, name: /^Welcome, Dr. Casey/ }).waitFor();

    const account = page.getByRole('button', { name: /^Account menu for Dr. Casey/ });
    await account.click();
    const panel = page.getByRole('dialog', { name: /^Account menu/ });
    await panel.waitFor();
    expect(await account.getAttribute('aria-expanded')).toBe('true');
    // Escape closes the panel and gives focus back to its button (React Aria restores it in the
    // frame after the panel leaves the page).
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toBe('BUTTON Dr. Casey Clinician (demo)');
    await account.click();
    await panel.waitFor();
    await expectAccessibleAtBothWidths(page, 'account menu open');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You are signed out.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessibleAtBothWidths(page, 'signed out');
    expect((await context.request.get(`${env.server.url}/api/auth/session`)).status()).toBe(401);
    // Back does not show the console again: it asks for sign-in.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByText('Dr. Casey').count()).toBe(0);
    await context.close();
  });

  it('switches language on the sign-in page without losing what was typed or the place', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/sign-in?redirect=%2Fbook`);
    await page.getByLabel('Email').fill('someone@example.org');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    expect(await page.getByLabel('Correo electrónico').inputValue()).toBe('someone@example.org');
    expect(page.url()).toBe(`${env.server.url}/sign-in?redirect=%2Fbook`);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    // Our checks speak Spanish too.
    await page.getByRole('button', { name: 'Iniciar sesión' }).last().click();
    await page.getByText('Complete este campo.').waitFor();
    await expectAccessibleAtBothWidths(page, 'sign-in in Spanish, with an error');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
    await context.close();
  });

  it('a patient signs in to the portal, never the console, and nothing personal is left in URLs, storage or the console', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    const recorder = recordLeaks(context);
    await page.goto(`${env.server.url}/sign-in`);
    // A patient without an authenticator app: the second factor is a code emailed to them.
    await signInOnPage(page, { ...demo.patient, totpSecret: null });
    await page.getByText('Signed in as Pat Patient (demo).').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await expectAccessibleAtBothWidths(page, 'home, signed in');
    await page.goto(`${env.server.url}/console`);
    await page.getByRole('heading', { level: 1, name: 'Riverside Family Health (demo)' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'patient account');
    expect(
      await recorder.leaks(page, [demo.patient.email, demo.patient.password, 'Pat Patient']),
    ).toEqual([]);
    await context.close();
  });

  it('asks to confirm it is you when the server wants a fresh step-up, then finishes the action', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/sign-in?redirect=%2Fconsole%2Faccount`);
    await signInOnPage(page, demo.admin);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/account');

    // Signing in counts as a step-up for five minutes; the first answer is made older here.
    let refused = false;
    await page.route('**/api/account/recovery-codes', async (route) => {
      if (refused) return route.continue();
      refused = true;
      await route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:hourglass:problem:step-up-required',
          title: 'Confirm it is you',
          status: 403,
          detail: 'Enter your password or a code again to continue.',
          instance: 'urn:uuid:0',
          requestId: '0',
        }),
      });
    });
    await page.getByRole('button', { name: 'Replace my recovery codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await expectAccessibleAtBothWidths(page, 'step-up dialog');
    await dialog.getByLabel('Password', { exact: true }).fill('wrong password entirely');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByText('That is not your current password. Try again.').waitFor();
    await expectAccessibleAtBothWidths(page, 'step-up dialog, wrong password');
    await dialog.getByLabel('Password', { exact: true }).fill(demo.admin.password);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'New recovery codes' }).waitFor();
    expect(
      await page.getByRole('list', { name: 'New recovery codes' }).getByRole('listitem').count(),
    ).toBe(10);
    await context.close();
  });

  it("opens the compliance alert email's link in the console after sign-in", async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    const alertId = '5b0c3a9e-2f1d-4c8b-9e7a-1d2c3b4a5f60';
    await page.goto(`${env.server.url}/audit/alerts/${alertId}`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInOnPage(page, demo.compliance_officer);
    await page.getByRole('heading', { level: 1, name: 'Compliance alert' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/audit/alerts/${alertId}`);
    await expectAccessibleAtBothWidths(page, 'alert');
    await context.close();
  });

  it('warns a minute before the idle timeout, stays signed in on request, and signs out with a notice after it', async () => {
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    // The page's clock runs fast here; the server's does not, so the server session stays
    // live and this checks the browser's side of the automatic logoff.
    await page.clock.install();
    await page.goto(`${env.server.url}/sign-in`);
    await signInOnPage(page, { ...demo.patient, totpSecret: null });
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();
    const session = (await (
      await context.request.get(`${env.server.url}/api/auth/session`)
    ).json()) as { idleTimeoutSeconds: number };
    const idle = session.idleTimeoutSeconds * 1000;

    await page.clock.fastForward(idle - 55_000);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await warning.waitFor();
    await expectAccessibleAtBothWidths(page, 'idle warning');
    // "Stay signed in" is one call that counts as activity (`/session/extend`, or reading the
    // session where the server has no extend yet); the idle clock restarts when it is answered.
    const extended = page.waitForResponse(
      (r) => /\/api\/auth\/session(\/extend)?$/.test(r.url()) && r.status() < 300,
    );
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await extended;
    await warning.waitFor({ state: 'detached' });

    // Still there a while later (the clock restarted at "stay signed in")...
    await page.clock.fastForward(idle - 120_000);
    expect(await warning.count()).toBe(0);
    // ...and signed out once the timeout passes without activity.
    await page.clock.fastForward(125_000);
    await page.getByText('You were signed out after a period without activity').waitFor();
    const url = new URL(page.url());
    expect([
      url.pathname,
      url.searchParams.get('notice'),
      url.searchParams.get('redirect'),
    ]).toEqual(['/sign-in', 'timeout', '/']);
    await expectAccessibleAtBothWidths(page, 'signed out after the idle timeout');
    expect((await context.request.get(`${env.server.url}/api/auth/session`)).status()).toBe(401);
    await context.close();
  });

  it("a patient's emailed second factor (the identity API's coming contract): the page says so and sends a new code", async () => {
    // The server does not mail patients a code yet: its answers are stood in for here.
    const context = await env.browser.newContext(phone);
    const page = await context.newPage();
    await page.route('**/api/auth/session/state', (route) =>
      route.fulfill({ json: { signedIn: true, stage: 'mfa', kind: 'patient' } }),
    );
    await page.route('**/api/auth/session', (route) =>
      route.fulfill({
        json: {
          stage: 'mfa',
          account: {
            id: '00000000-0000-4000-8000-000000000001',
            organizationId: '00000000-0000-4000-8000-000000000002',
            kind: 'patient',
            displayName: 'Pat',
            roles: [],
            locationIds: [],
            providerId: null,
            patientId: '00000000-0000-4000-8000-000000000003',
            mfaEnabled: false,
          },
          mfaMethods: ['email'],
          idleTimeoutSeconds: 1800,
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          steppedUpAt: null,
        },
      }),
    );
    let resent = 0;
    await page.route('**/api/auth/mfa/email-code', (route) => {
      resent++;
      return route.fulfill({ status: 202, body: '' });
    });
    await page.goto(`${env.server.url}/sign-in/verify`);
    await page.getByText('We emailed a six-digit code to your address.').waitFor();
    await page.getByLabel('Code from the email').waitFor();
    expect(await page.getByText('Use a recovery code instead').count()).toBe(0);
    await page.getByRole('button', { name: 'Email me a new code' }).click();
    await page.getByText('We sent a new code. Use the newest one.').waitFor();
    expect(resent).toBe(1);
    await expectAccessibleAtBothWidths(page, 'second factor by email');
    await context.close();
  });
});
