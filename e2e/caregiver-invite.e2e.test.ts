import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { aTimeDaysOut, guideToCheckIn } from './book-helpers.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };
const carer = {
  email: 'robin.helper@example.org',
  password: 'a caregiver passphrase of some length',
  totpSecret: null,
};

/** The caregiver signs up after the invitation came: registered and verified through the API. */
async function registerCaregiver(url: string) {
  const res = await fetch(`${url}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      organization: 'demo',
      email: carer.email,
      password: carer.password,
      legalName: { given: 'Robin', family: 'Helperton' },
      dateOfBirth: '1968-09-10',
      sex: 'female',
      phone: '+1 555 010 4466',
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

describe('a caregiver invited by email', () => {
  it('accepts after signing up, books for the patient, and loses access when the patient revokes it', async () => {
    const url = env.server.url;
    // The patient names a caregiver whose email no account uses yet.
    const mine = await env.browser.newContext(phone);
    await signInByApi(mine.request, url, patient);
    const own = await mine.newPage();
    await own.goto(`${url}/account`);
    const proxies = own.getByRole('region', { name: 'Family and caregivers' });
    await proxies.getByLabel('Their email (the one they sign in with)').fill(carer.email);
    const since = new Date().toISOString();
    await proxies.getByRole('button', { name: 'Give access' }).click();
    await proxies.getByText(/we emailed them an invitation/).waitFor();
    const mail = await waitForMail(url, carer.email, /invited to help/, { after: since });
    // The mail names nobody.
    expect(mail.text).not.toMatch(/Pat|Alvarez|Patient-/);
    const link = linkIn(mail, '/caregiver');
    await registerCaregiver(url);

    // The caregiver opens the link signed out: what it is, and how to go on.
    const theirs = await env.browser.newContext(desktop);
    const page = await theirs.newPage();
    await page.goto(`${url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Help with appointments' }).waitFor();
    // The token left the address bar.
    expect(page.url()).toBe(`${url}/caregiver`);
    await page.getByText(/Sign in with your own patient account to accept/).waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver invitation, signed out');
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ayuda con las citas' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver invitation, in Spanish');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInOnPage(page, carer);
    // Back on the invitation, signed in: accept it.
    await page.getByRole('button', { name: 'Accept the invitation' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver invitation, signed in');
    await page.getByRole('button', { name: 'Accept the invitation' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'You can now help with their appointments' })
      .waitFor();
    await expectAccessibleAtBothWidths(page, 'caregiver invitation accepted');

    // Acting for the patient: book a visit for them.
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Who is this visit for?' }).waitFor();
    await page.getByRole('button', { name: /Alvarez/ }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need?' }).waitFor();
    await guideToCheckIn(page);
    await (await aTimeDaysOut(page)).click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    const dependants = async () =>
      (
        (await (await theirs.request.get(`${url}/api/me/dependants`)).json()) as {
          dependants: { patientId: string }[];
        }
      ).dependants;
    const [them] = await dependants();
    const visits = (await (
      await theirs.request.get(
        `${url}/api/me/appointments?when=upcoming&limit=50&patientId=${them!.patientId}`,
      )
    ).json()) as { appointments: { id: string; status: string }[] };
    expect(visits.appointments.some((a) => a.status === 'booked')).toBe(true);

    // The patient ends the caregiver's access; the caregiver acts for nobody any more.
    await own.reload();
    const row = proxies.getByRole('listitem').filter({ hasText: 'Helperton' });
    await row.getByRole('button', { name: 'End access for Robin Helperton' }).click();
    await own
      .getByRole('dialog', { name: 'End this person’s access?' })
      .getByRole('button', { name: 'End access' })
      .click();
    await proxies.getByText('Access for Robin Helperton has ended.').waitFor();
    expect(await dependants()).toEqual([]);
    const refused = await theirs.request.get(
      `${url}/api/me/appointments?when=upcoming&limit=50&patientId=${them!.patientId}`,
    );
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(refused.status()).toBeLessThan(500);

    // The link worked once.
    const again = await theirs.request.post(`${url}/api/me/caregiver-invitations/accept`, {
      headers: { origin: url },
      data: { token: link.split('#token=')[1] },
    });
    expect(again.status()).toBe(400);
    await mine.close();
    await theirs.close();
  });
});
