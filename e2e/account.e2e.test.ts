import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };
const carer = { email: 'casey.carer@example.org', given: 'Casey', family: 'Carerson' };

/** A second patient of the clinic, registered and verified: the caregiver. */
async function registerCaregiver(url: string) {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      organization: 'demo',
      email: carer.email,
      password: 'a caregiver passphrase of some length',
      legalName: { given: carer.given, family: carer.family },
      dateOfBirth: '1970-02-03',
      sex: 'male',
      phone: '+1 555 010 7788',
    }),
  });
  expect(res.status).toBeLessThan(300);
  const token = linkIn(
    await waitForMail(url, carer.email, /Confirm your email/),
    '/verify-email',
  ).split('#token=')[1]!;
  const verified = await fetch(`${url}/api/auth/verify-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ token }),
  });
  expect(verified.status).toBeLessThan(300);
}

describe('the patient’s account', () => {
  it('signs another device out, gives a caregiver access and ends it, downloads the record, changes the password; sign-out forgets it all', async () => {
    const url = env.server.url;
    await registerCaregiver(url);
    // The patient is also signed in on another device.
    const other = await env.browser.newContext();
    await signInByApi(other.request, url, patient);
    expect((await other.request.get(`${url}/api/auth/session`)).status()).toBe(200);

    const context = await env.browser.newContext(phone);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await signInOnPage(page, patient);
    await page.getByRole('heading', { level: 1, name: 'Riverside Family Health (demo)' }).waitFor();
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    // Devices: this one and the other; sign the other out.
    const devices = page.getByRole('region', { name: 'Devices' });
    const rows = devices.getByRole('list', { name: 'Devices' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(2);
    await devices.getByText('This device').waitFor();
    await expectAccessibleAtBothWidths(page, 'account');
    await devices.getByRole('button', { name: /^Sign out .*last active/ }).click();
    await devices.getByText('1 device was signed out.').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect((await other.request.get(`${url}/api/auth/session`)).status()).toBe(401);
    await other.close();
    await expectAccessibleAtBothWidths(page, 'account, another device signed out');

    // A caregiver, named by email. The page answers the same whether or not an account uses
    // the email (it is not a way to find out who has one here); only a real one gets access.
    const proxies = page.getByRole('region', { name: 'Family and caregivers' });
    await proxies.getByText('Nobody has access to your visits.').waitFor();
    const emailField = proxies.getByLabel('Their email (the one they sign in with)');
    const sent = (email: string) =>
      `If ${email} is the email of a patient account at this clinic, that person can now manage your visits. If not, we emailed them an invitation, which they accept with an account of their own.`;
    await emailField.fill('nobody.here@example.org');
    await proxies.getByRole('button', { name: 'Give access' }).click();
    await proxies.getByText(sent('nobody.here@example.org')).waitFor();
    await proxies.getByText('Nobody has access to your visits.').waitFor();
    expect((await proxies.getByRole('alert').allInnerTexts()).join('').trim()).toBe('');
    await expectAccessibleAtBothWidths(page, 'caregiver named by an email without an account');
    await emailField.fill(carer.email);
    await proxies.getByText('Visits only').click();
    await proxies.getByRole('button', { name: 'Give access' }).click();
    await proxies.getByText(sent(carer.email)).waitFor();
    const carerRow = proxies.getByRole('listitem').filter({ hasText: carer.family });
    await carerRow.getByText('Visits only').waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver granted');
    await carerRow
      .getByRole('button', { name: `End access for ${carer.given} ${carer.family}` })
      .click();
    const endDialog = page.getByRole('dialog', { name: 'End this person’s access?' });
    await expectAccessibleAtBothWidths(page, 'end caregiver access dialog');
    await endDialog.getByRole('button', { name: 'End access' }).click();
    await proxies.getByText(`Access for ${carer.given} ${carer.family} has ended.`).waitFor();
    await carerRow.getByText(/^Access ended/).waitFor();
    await proxies.getByText('Nobody has access to your visits.').waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver access ended');

    // The record, downloaded as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my record' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('my-record.json');
    const record = JSON.parse(
      await new Response((await download.createReadStream()) as unknown as ReadableStream).text(),
    ) as { format: string; consents: { revokedAt: string | null }[] };
    expect(record.format).toBe('hourglass-patient-record/1');
    expect(record.consents).toHaveLength(1);
    expect(record.consents[0]!.revokedAt).not.toBeNull();

    // Communication preferences.
    const prefs = page.getByRole('region', { name: 'How the clinic contacts you' });
    await prefs.getByText('Text message').click();
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await prefs.getByText('Your preferences are saved.').waitFor();

    // A new password; the wrong current one is refused first.
    const password = page.getByRole('region', { name: 'Password' });
    const newPassword = 'seven quiet herons at dawn';
    await password.getByLabel('Current password').fill('not my password at all');
    await password.getByLabel('New password').fill(newPassword);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('not the current password').waitFor();
    await expectAccessibleAtBothWidths(page, 'password change refused');
    await password.getByLabel('Current password').fill(patient.password);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('Your password is changed.', { exact: false }).waitFor();
    await expectAccessibleAtBothWidths(page, 'password changed');

    // Sign out: the cache goes with the session; going back shows nothing of the account.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'Your next visit' }).count()).toBe(0);
    expect(await page.getByText(carer.family).count()).toBe(0);
    expect(await page.getByText('This device').count()).toBe(0);

    // The new password signs in.
    await page.goto(`${url}/sign-in`);
    await signInOnPage(page, { ...patient, password: newPassword });
    await page.getByRole('heading', { level: 1, name: 'Riverside Family Health (demo)' }).waitFor();

    await page.setViewportSize(desktop.viewport);
    expect(
      await recorder.leaks(page, [
        ...demoPatientPhi,
        newPassword,
        carer.email,
        `${carer.given} ${carer.family}`,
      ]),
    ).toEqual([]);
    await context.close();
  });

  it('warns before the idle timeout; "stay signed in" keeps the session, and silence signs out', async () => {
    const url = env.server.url;
    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    // The browser's clock is the test's: minutes pass at once, the server's session is real.
    await page.clock.install();
    await page.goto(`${url}/sign-in?redirect=%2Faccount`);
    await signInOnPage(page, { ...patient, password: 'seven quiet herons at dawn' });
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const session = (await (await page.request.get(`${url}/api/auth/session`)).json()) as {
      idleTimeoutSeconds: number;
    };
    const idle = session.idleTimeoutSeconds * 1000;

    await page.clock.fastForward(idle - 50_000);
    const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
    await warning.waitFor();
    await expectAccessibleAtBothWidths(page, 'idle warning');
    const extended = page.waitForResponse((r) => r.url().endsWith('/api/auth/session/extend'));
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await extended).ok()).toBe(true);
    await warning.waitFor({ state: 'detached' });
    // Past the first deadline: still signed in, still on the page.
    await page.clock.fastForward(120_000);
    expect(await page.getByRole('heading', { level: 1, name: 'Your account' }).isVisible()).toBe(
      true,
    );
    expect((await page.request.get(`${url}/api/auth/session`)).status()).toBe(200);

    // Nothing more: the warning again, then sign-in with the notice, coming back to the page.
    await page.clock.fastForward(idle);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page
      .getByText('You were signed out after a period without activity', { exact: false })
      .waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/account');
    await expectAccessibleAtBothWidths(page, 'signed out after the idle timeout');
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
