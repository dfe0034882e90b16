import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { aTimeDaysOut, accessibleAt390And1280, guideToCheckIn } from './book-helpers.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

// Holds kept one minute (the shortest the server allows), so one runs out within the test.
const env = useServerAndBrowser({ env: { HOURGLASS_HOLD_MINUTES: '1' } });

describe('a hold that runs out while the patient hesitates', () => {
  it('is explained, and the nearest times (the same first, still free) are one press away', async () => {
    const context = await env.browser.newContext({ ...desktop, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/book`);
    await guideToCheckIn(page);
    // A time on a later day: the first available one may fall inside the minimum notice while
    // the patient waits, and then it is rightly not offered again.
    await (await aTimeDaysOut(page)).click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'We are holding this time for you for 1 minute.' })
      .waitFor({ state: 'attached' });

    // The patient waits; the clock reaches zero.
    await page
      .getByRole('heading', { level: 2, name: 'This time is no longer held for you' })
      .waitFor({ timeout: 90_000 });
    await page.getByText(/We kept .+ for you for 1 minute, so that other patients/).waitFor();
    const same = page.getByRole('button', { name: /\(the same time\)/ });
    await same.waitFor();
    await accessibleAt390And1280(page, 'book: hold expired');
    await same.click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
    const mine = (await (
      await page.request.get(`${env.server.url}/api/me/appointments?when=upcoming`)
    ).json()) as { appointments: { status: string }[] };
    expect(mine.appointments.map((a) => a.status)).toEqual(['booked']);
    await context.close();
  }, 180_000);
});
