import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi, visitsApi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };
const carer = {
  email: 'sam.signup@example.org',
  password: 'a caregiver passphrase of some length',
  totpSecret: null,
};

describe('a caregiver who has no account yet', () => {
  it('signs up from the invitation, verifies, signs in and lands back on accepting it', async () => {
    const url = env.server.url;
    const mine = await env.browser.newContext();
    await signInByApi(mine.request, url, patient);
    const { patientId } = await visitsApi(mine.request, url).clinic();
    const since = new Date().toISOString();
    const granted = await mine.request.post(`${url}/api/patients/${patientId}/proxies`, {
      headers: { origin: url },
      data: { proxyEmail: carer.email, scope: 'scheduling' },
    });
    expect(granted.status(), await granted.text()).toBeLessThan(300);
    await mine.close();
    const invitation = linkIn(
      await waitForMail(url, carer.email, /invited to help/, { after: since }),
      '/caregiver',
    );

    // Signed out, on the invitation: create an account from it.
    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}${invitation}`);
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('First name').fill('Sam');
    await page.getByLabel('Last name').fill('Signupton');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByRole('spinbutton').first().click();
    await page.keyboard.type('03041972');
    await page.getByText('Female', { exact: true }).click();
    await page.getByLabel('Mobile phone').fill('+1 555 010 3321');
    await page.getByLabel('Email').fill(carer.email);
    await page.getByLabel('Password', { exact: true }).fill(carer.password);
    const asked = new Date().toISOString();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    // The verification link carries the invitation; verifying leads to sign-in, then back to it.
    const verify = linkIn(
      await waitForMail(url, carer.email, /Confirm your email/, { after: asked }),
      '/verify-email',
    );
    expect(verify).toMatch(/&invitation=[A-Za-z0-9_-]{43}$/);
    await page.goto(`${url}${verify}`);
    await page.getByRole('heading', { level: 1, name: 'Your email is confirmed' }).waitFor();
    // Both tokens left the address bar.
    expect(page.url()).toBe(`${url}/verify-email`);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInOnPage(page, carer);
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByRole('heading', { name: 'You can now help with their appointments' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver invitation accepted after sign-up');
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
