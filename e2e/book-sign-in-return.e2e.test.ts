import { describe, expect, it } from 'vitest';
import { demo, signInOnPage } from './accounts.ts';
import { accessibleAt390And1280, aTimeDaysOut, guideToCheckIn } from './book-helpers.ts';
import { phone, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };

describe('sign in and come back', () => {
  it('a visitor who picks a time, then signs in, returns to the same step with that time held', async () => {
    const url = env.server.url;
    const context = await env.browser.newContext({ ...phone, reducedMotion: 'reduce' });
    const leaks = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await guideToCheckIn(page);
    const time = await aTimeDaysOut(page);
    // "9:00 AM, Thursday, December 10, with Dr. …": the time, the day and the person chosen.
    const chosen = (await time.getAttribute('aria-label'))!;
    const [clock, day] = chosen.split(', ');
    await time.click();

    await page.getByRole('heading', { level: 2, name: 'Who is booking?' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signInOnPage(page, patient);

    // Back on the booking page, past "who is booking": the time is held without asking again.
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/book');
    const summary = page.locator('.summary');
    await expect.poll(() => summary.textContent()).toContain(clock);
    expect(await summary.textContent()).toContain(day!.trim());
    await page
      .getByRole('status')
      .filter({ hasText: /We are holding this time for you for \d+ minutes?\./ })
      .waitFor({ state: 'attached' });
    const held = (await (
      await page.request.get(`${url}/api/me/appointments?when=upcoming`)
    ).json()) as { appointments: { status: string }[] };
    expect(held.appointments.map((a) => a.status)).toEqual(['held']);
    await accessibleAt390And1280(page, 'book: back from sign-in, time held');

    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    expect(await leaks.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
