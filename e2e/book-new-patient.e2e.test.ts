import { describe, expect, it } from 'vitest';
import { signInOnPage } from './accounts.ts';
import { accessibleAt390And1280, answerDemoIntake } from './book-helpers.ts';
import { phone, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

const person = {
  given: 'Tomás',
  family: 'Ibarra Soler',
  email: 'tomas.ibarra@example.org',
  phone: '+1 555 0163',
  password: 'seven paper boats at dawn',
};
const phi = [person.family, 'Ibarra', '1979-11-02', person.email, '555 0163'];

describe('a new patient', () => {
  it('registers, confirms the email, and books from the landing page to the confirmation, intake included', async () => {
    const context = await env.browser.newContext({ ...phone, reducedMotion: 'reduce' });
    const leaks = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('First name').fill(person.given);
    await page.getByLabel('Last name').fill(person.family);
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByRole('spinbutton', { name: /month/ }).pressSequentially('11');
    await dob.getByRole('spinbutton', { name: /day/ }).pressSequentially('02');
    await dob.getByRole('spinbutton', { name: /year/ }).pressSequentially('1979');
    await page.getByText('Male', { exact: true }).click();
    await page.getByLabel('Mobile phone').fill(person.phone);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your email' }).waitFor();
    const link = linkIn(
      await waitForMail(env.server.url, person.email, /Confirm your email/),
      '/verify-email',
    );
    await page.goto(env.server.url + link);
    await page.getByRole('heading', { level: 1, name: 'Your email is confirmed' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await signInOnPage(page, { email: person.email, password: person.password, totpSecret: null });

    // From the landing page: a first visit.
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('button', { name: 'No, this is my first visit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Where and with whom' }).waitFor();
    await page.getByText('Visit: New patient visit').waitFor();
    await page.getByRole('button', { name: /^Book \d/ }).click();

    // The visit's intake form, in the flow, while the time is held.
    await page.getByRole('heading', { level: 2, name: 'Before your visit' }).waitFor();
    await page.getByText(/^We are holding this time for you for \d+:\d\d$/).waitFor();
    await accessibleAt390And1280(page, 'book: intake in the flow');
    await answerDemoIntake(page);

    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    await page.getByText('Bring your insurance card and a list of your medicines.').waitFor();
    await page.getByText('New patient visit').first().waitFor();
    await accessibleAt390And1280(page, 'book: new patient confirmed');

    const mine = (await (
      await page.request.get(`${env.server.url}/api/me/appointments`)
    ).json()) as { appointments: { status: string; appointmentType: { name: string } }[] };
    expect(mine.appointments.map((a) => [a.status, a.appointmentType.name])).toEqual([
      ['booked', 'New patient visit'],
    ]);
    expect(await leaks.leaks(page, phi)).toEqual([]);
    await context.close();
  });
});
