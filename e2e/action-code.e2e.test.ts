import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi, visitsApi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };

describe('an action link without signing in', () => {
  it('shows the message alone until the code mailed to the patient is entered, then cancels', async () => {
    const url = env.server.url;
    // The patient books and confirms a visit a week out (API), and the desk sends its reminder now.
    const api = await env.browser.newContext();
    await signInByApi(api.request, url, patient);
    const visits = visitsApi(api.request, url);
    const id = await visits.bookWeekOut();
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, url, demo.front_desk);
    const log = (await (
      await desk.request.get(`${url}/api/appointments/${id}/messages`)
    ).json()) as {
      messages: { id: string; kind: string }[];
    };
    const reminder = log.messages.find((m) => m.kind === 'reminder')!;
    const sent = await desk.request.post(
      `${url}/api/notification-messages/${reminder.id}/overrides`,
      { headers: { origin: url }, data: { action: 'send_now', reason: 'patient_request' } },
    );
    expect(sent.status(), await sent.text()).toBe(200);
    await desk.close();
    // The reminder's cancel link, as the patient received it.
    const inbox = (await (await api.request.get(`${url}/api/me/messages`)).json()) as {
      messages: { body: string | null }[];
    };
    const link = inbox.messages
      .map((m) => /\/messages\/cancel#token=[A-Za-z0-9_-]{43}/.exec(m.body ?? '')?.[0])
      .find(Boolean)!;
    expect(link).toBeTruthy();
    await api.close();

    // Opened in a browser that never signed in: the message, and a way in; nothing else.
    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Cancel your appointment' }).waitFor();
    await page.getByText('A reminder of your appointment').waitFor();
    expect(await page.getByRole('button', { name: 'Cancel the appointment' }).count()).toBe(0);
    const asked = new Date().toISOString();
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'action link: code entry');
    const mail = await waitForMail(url, 'demo.alvarez@example.org', /code/i, { after: asked });
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
    // A wrong code first: refused, still nothing to act with.
    await page.getByRole('textbox', { name: 'Code' }).fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').filter({ hasText: /code/i }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Cancel the appointment' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Cancel the appointment' }).click();
    await page.getByText('Your appointment is cancelled.').waitFor();
    await expectAccessibleAtBothWidths(page, 'action link: done with a code');
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
