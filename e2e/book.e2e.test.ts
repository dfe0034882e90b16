import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { accessibleAt390And1280, focusedHeading } from './book-helpers.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { countInteractions } from './interactions.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

// The demo patient account's record (demo/demo.patients.ts) and the account's own details.
const demoPatientPhi = [
  'Patient-Alvarez',
  '1986-04-12',
  'demo.alvarez@example.org',
  '555 0101',
  demo.patient.email,
  'Pat Patient',
];

describe('booking, for a returning patient', () => {
  it('books through the guide in at most 10 interactions, then again with the first available time 2 interactions from "Book a visit"', async () => {
    const context = await env.browser.newContext({ ...desktop, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    const leaks = recordLeaks(context);
    const count = await countInteractions(page);
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();
    count.reset();

    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need?' }).waitFor();
    await accessibleAt390And1280(page, 'book: what do you need');
    await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
    await page.getByRole('button', { name: /check-in on my care plan/ }).click();
    await accessibleAt390And1280(page, 'book: guide, third question');
    await page.getByRole('button', { name: 'In person' }).click();

    // Where and with whom: the first available time is shown at once.
    await page.getByRole('heading', { level: 2, name: 'Where and with whom' }).waitFor();
    expect(await focusedHeading(page)).toBe('Where and with whom');
    const bookFirst = page.getByRole('button', { name: /^Book \d/ });
    await bookFirst.waitFor();
    await accessibleAt390And1280(page, 'book: where and with whom');
    await bookFirst.click();

    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    expect(await focusedHeading(page)).toBe('Review and confirm');
    // How long the time is kept: a ticking clock, and one polite announcement (not every second).
    await page.getByText(/^We are holding this time for you for \d+:\d\d$/).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'We are holding this time for you for 10 minutes.' })
      .waitFor({ state: 'attached' });
    await accessibleAt390And1280(page, 'book: review with the hold');
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    expect(count.total).toBeLessThanOrEqual(10);
    await page.getByText('Follow-up visit').first().waitFor();
    await accessibleAt390And1280(page, 'book: confirmation');

    // The calendar file says only "Appointment — <clinic>".
    const href = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
    const ics = await (await page.request.get(env.server.url + href!)).text();
    expect(ics).toMatch(/SUMMARY:Appointment — Riverside Family Health/);
    expect(ics).not.toMatch(/Follow-up|Patient|DESCRIPTION/);

    // Back on the landing page: "Book a visit", then the first available time, one press.
    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await page.getByRole('link', { name: 'Book a visit' }).waitFor();
    count.reset();
    await page.getByRole('link', { name: 'Book a visit' }).click();
    const again = page.getByRole('region', { name: 'Book again' });
    await again.getByText(/First available: .+ at .+, with /).waitFor();
    expect(count.total).toBe(1);
    await accessibleAt390And1280(page, 'book: book again');
    await again.getByRole('button', { name: 'Book this time' }).click();
    expect(count.total).toBe(2);
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    expect(count.total).toBeLessThanOrEqual(10);

    // Both visits are the patient's now.
    const mine = (await (
      await page.request.get(`${env.server.url}/api/me/appointments?when=upcoming`)
    ).json()) as { appointments: { status: string }[] };
    expect(mine.appointments.filter((a) => a.status === 'booked')).toHaveLength(2);
    expect(await leaks.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
