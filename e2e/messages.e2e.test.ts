import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi, visitsApi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };

describe('Messages', () => {
  it('the patient reads the confirmation in the inbox, and confirms the visit from a reminder’s link after signing in', async () => {
    const url = env.server.url;
    // The patient books and confirms a visit a week out (through the API: the booking pages are tested elsewhere).
    const api = await env.browser.newContext();
    await signInByApi(api.request, url, patient);
    const visits = visitsApi(api.request, url);
    const id = await visits.bookWeekOut();
    await api.close();

    // The front desk sends the reminder now (a staff override), so its links exist today.
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, url, demo.front_desk);
    const headers = { origin: url };
    const log = async () =>
      (
        (await (await desk.request.get(`${url}/api/appointments/${id}/messages`)).json()) as {
          messages: { id: string; kind: string; status: string }[];
        }
      ).messages;
    const reminder = (await log()).find((m) => m.kind === 'reminder')!;
    const sent = await desk.request.post(
      `${url}/api/notification-messages/${reminder.id}/overrides`,
      {
        headers,
        data: { action: 'send_now', reason: 'patient_request' },
      },
    );
    expect(sent.status(), await sent.text()).toBe(200);
    // The booking's confirmation goes by the worker, a moment after the booking: the patient
    // opens the inbox once both are there (the page asks when it opens).
    await expect
      .poll(async () => (await log()).find((m) => m.kind === 'confirmation')?.status, {
        timeout: 15_000,
      })
      .toBe('sent');

    const context = await env.browser.newContext(phone);
    // The page's own timers run on a clock the test can move (the inbox asks again every 30 s).
    await context.clock.install();
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    // Signed in, the landing page says what is new; its link opens the inbox.
    await page.goto(`${url}/sign-in`);
    await signInOnPage(page, patient);
    await page.getByRole('link', { name: '2 new messages from the clinic' }).waitFor();
    // From any page, the account menu says so too.
    await page.getByRole('button', { name: /^Account menu/ }).click();
    await page.getByRole('link', { name: 'Messages (2 new)' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: '2 new messages from the clinic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
    const confirmation = page
      .getByRole('article')
      .filter({ hasText: /is booked for/ })
      .first();
    await confirmation.waitFor();
    const reminderCard = page
      .getByRole('article')
      .filter({ hasText: 'A reminder of your appointment' });
    await reminderCard.waitFor();
    await expectAccessibleAtBothWidths(page, 'inbox with a confirmation and a reminder');
    await confirmation.getByRole('button', { name: 'Mark as read' }).click();
    await expect
      .poll(() => confirmation.getByRole('button', { name: 'Mark as read' }).count())
      .toBe(0);

    // A message sent while the inbox is open comes in by itself: the desk sends the day's nudge
    // now, days early, and it names the visit's date rather than "today".
    const nudge = (await log()).find((m) => m.kind === 'nudge')!;
    const sendNudge = await desk.request.post(
      `${url}/api/notification-messages/${nudge.id}/overrides`,
      { headers, data: { action: 'send_now', reason: 'clinic_decision' } },
    );
    expect(sendNudge.status(), await sendNudge.text()).toBe(200);
    await desk.close();
    await page.clock.fastForward(30_000);
    const nudgeCard = page.getByRole('article').filter({ hasText: 'See you soon at' });
    await nudgeCard.waitFor();
    expect(await nudgeCard.textContent()).toMatch(/is on \w+day, \w+ \d+, \d{4} at/);

    // The reminder's confirm link, opened signed out: the message alone, then sign-in.
    const link = /\/messages\/confirm#token=[A-Za-z0-9_-]{43}/.exec(
      (await reminderCard.textContent()) ?? '',
    )![0];
    await context.clearCookies();
    const fresh = await env.browser.newContext(desktop);
    const freshRecorder = recordLeaks(fresh);
    const linkPage = await fresh.newPage();
    await linkPage.goto(`${url}${link}`);
    await linkPage.getByRole('heading', { level: 1, name: 'Confirm your appointment' }).waitFor();
    await linkPage.getByText('A reminder of your appointment').waitFor();
    expect(linkPage.url()).not.toContain('token');
    await expectAccessibleAtBothWidths(linkPage, 'action link before sign-in');
    await linkPage.getByRole('link', { name: 'Sign in to continue' }).click();
    await signInOnPage(linkPage, patient);
    await linkPage.getByRole('button', { name: 'Yes, I will come' }).click();
    await linkPage.getByText('Thank you: your appointment is confirmed.').waitFor();
    await expectAccessibleAtBothWidths(linkPage, 'action link done');

    // Used once: the same link now says so.
    const again = await fresh.newPage();
    await again.goto(`${url}${link}`);
    await again
      .getByText('This link has expired or was already used. Ask for a new one.')
      .waitFor();

    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    expect(await freshRecorder.leaks(again, demoPatientPhi)).toEqual([]);
    await context.close();
    await fresh.close();
  });
});
