import { describe, expect, it } from 'vitest';
import { accessibleAt390And1280, aTimeDaysOut, codeIn } from './book-helpers.ts';
import { phone, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

const guest = {
  given: 'Lucía',
  family: 'Marín Ortega',
  dob: ['07', '21', '1990'],
  phone: '+1 555 0177',
  email: 'lucia.marin@example.org',
};
const phi = [guest.family, 'Marín', '1990-07-21', guest.email, '555 0177'];

describe('booking as a guest', () => {
  it('books with an emailed code, then sees and cancels the visit through the link in the email', async () => {
    const context = await env.browser.newContext({ ...phone, reducedMotion: 'reduce' });
    const leaks = recordLeaks(context);
    let page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
    await page.getByRole('button', { name: /check-in on my care plan/ }).click();
    await page.getByRole('button', { name: 'By video' }).click();
    await page.getByRole('heading', { level: 2, name: 'Where and with whom' }).waitFor();
    // A time a few days out: a patient may cancel online only before the clinic's cut-off.
    const time = await aTimeDaysOut(page);
    await accessibleAt390And1280(page, 'book: when, signed out');
    await time.click();

    // Signed out with a time chosen: sign in (and come back), or continue as a guest.
    await page.getByRole('heading', { level: 2, name: 'Who is booking?' }).waitFor();
    const signIn = page.getByRole('link', { name: 'Sign in' }).last();
    const back = new URL((await signIn.getAttribute('href'))!, env.server.url);
    expect(back.pathname).toBe('/sign-in');
    expect(back.searchParams.get('redirect')).toMatch(/^\/book\?.*start=/);
    await accessibleAt390And1280(page, 'book: who is booking');
    await page.getByRole('button', { name: 'Continue as a guest' }).click();
    await page.getByLabel('First name').fill(guest.given);
    await page.getByLabel('Last name').fill(guest.family);
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByRole('spinbutton', { name: /month/ }).pressSequentially(guest.dob[0]!);
    await dob.getByRole('spinbutton', { name: /day/ }).pressSequentially(guest.dob[1]!);
    // A slip of the year (next year) is caught before anything is sent, in words.
    const year = dob.getByRole('spinbutton', { name: /year/ });
    await year.pressSequentially(String(new Date().getFullYear() + 1));
    await page.getByText('Female', { exact: true }).click();
    await page.getByLabel('Phone').fill(guest.phone);
    await page.getByLabel('Email').fill(guest.email);
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByText('Please enter a date in the past.').waitFor();
    for (let i = 0; i < 4; i++) await year.press('Backspace');
    await year.pressSequentially(guest.dob[2]!);
    await expect.poll(() => page.getByText('Please enter a date in the past.').count()).toBe(0);
    await accessibleAt390And1280(page, 'book: guest details');
    const since = new Date().toISOString();
    await page.getByRole('button', { name: 'Email me a code' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await accessibleAt390And1280(page, 'book: guest code');
    const mail = await waitForMail(env.server.url, guest.email, /booking code/, { after: since });
    await page.getByLabel('Code from the email').fill(codeIn(mail.text));
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.getByText('By video').first().waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    await page.getByText('We emailed you a link to this visit').waitFor();
    await page.getByRole('heading', { name: 'How the video visit works' }).waitFor();
    await accessibleAt390And1280(page, 'book: guest confirmation');
    expect(await leaks.leaks(page, phi)).toEqual([]);
    await context.close();

    // The booking's own link, in another browser: a code first, then that visit only.
    const link = linkIn(
      await waitForMail(env.server.url, guest.email, /is booked/, { after: since }),
      '/visit',
    );
    const later = await env.browser.newContext({ ...phone, reducedMotion: 'reduce' });
    const visitLeaks = recordLeaks(later);
    page = await later.newPage();
    await page.goto(env.server.url + link);
    await page.getByRole('heading', { level: 1, name: 'Your visit' }).waitFor();
    expect(page.url()).toBe(`${env.server.url}/visit`);
    await accessibleAt390And1280(page, 'visit: ask for a code');
    const asked = new Date().toISOString();
    await page.getByRole('button', { name: 'Email me a code' }).click();
    const code = codeIn(
      (await waitForMail(env.server.url, guest.email, /visit code/, { after: asked })).text,
    );
    await page.getByLabel('Code from the email').fill(code);
    await accessibleAt390And1280(page, 'visit: code');
    await page.getByRole('button', { name: 'Show my visit' }).click();
    await page.getByText('This visit is booked.').waitFor();
    await page.getByText('By video').waitFor();
    await accessibleAt390And1280(page, 'visit: shown');

    // The link's session reaches this visit and nothing else.
    const list = await page.request.get(`${env.server.url}/api/me/appointments`);
    expect(list.status()).toBeGreaterThanOrEqual(400);

    await page.getByRole('button', { name: 'Cancel this visit' }).click();
    await page.getByRole('dialog', { name: 'Cancel this visit?' }).waitFor();
    await accessibleAt390And1280(page, 'visit: cancel?');
    await page.getByRole('button', { name: 'Yes, cancel the visit' }).click();
    await page.getByText('Your visit is cancelled.').waitFor();
    await accessibleAt390And1280(page, 'visit: cancelled');
    expect(await visitLeaks.leaks(page, phi)).toEqual([]);
    await later.close();
  }, 180_000);
});
