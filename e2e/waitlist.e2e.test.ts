import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths, expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { guideToCheckIn } from './book-helpers.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The front desk books another demo patient's follow-up 4–10 days out (through the API). */
async function deskBooksAnotherPatient(url: string) {
  const headers = { origin: url };
  const desk = await env.browser.newContext();
  await signInByApi(desk.request, url, demo.front_desk);
  const session = (await (await desk.request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string };
  };
  const found = await desk.request.post(`${url}/api/patients/lookup`, {
    headers,
    data: { mrn: 'DEMO-0002' },
  });
  const patientId = ((await found.json()) as { patients: { id: string }[] }).patients[0]!.id;
  const { appointmentTypes } = (await (
    await desk.request.get(`${url}/api/organizations/demo/appointment-types`)
  ).json()) as { appointmentTypes: { id: string; name: string }[] };
  const followUp = appointmentTypes.find((t) => t.name === 'Follow-up visit')!;
  const now = Date.now();
  const query = new URLSearchParams({
    organization: 'demo',
    appointmentTypeId: followUp.id,
    from: isoDay(new Date(now + 4 * 86_400_000)),
    to: isoDay(new Date(now + 10 * 86_400_000)),
    zone: 'UTC',
  });
  const { slots } = (await (await desk.request.get(`${url}/api/availability?${query}`)).json()) as {
    slots: { start: string; providerId: string; locationId: string }[];
  };
  const slot = slots.find((s) => s.locationId)!;
  const booked = await desk.request.post(`${url}/api/appointments`, {
    headers,
    data: {
      organizationId: session.account.organizationId,
      appointmentTypeId: followUp.id,
      providerId: slot.providerId,
      locationId: slot.locationId,
      patientId,
      start: slot.start,
      modality: 'in_person',
      confirm: true,
    },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  const { id } = (await booked.json()) as { id: string };
  return {
    start: slot.start,
    async cancel() {
      const res = await desk.request.post(`${url}/api/appointments/${id}/cancel`, {
        headers,
        data: { reasonCode: 'provider_unavailable' },
      });
      expect(res.status(), await res.text()).toBe(200);
      await desk.close();
    },
  };
}

describe('the waitlist', () => {
  it('a patient joins, a visit elsewhere is cancelled, the offer comes by message and the patient books it', async () => {
    const url = env.server.url;
    const other = await deskBooksAnotherPatient(url);

    // The patient joins the waitlist from their account menu.
    const context = await env.browser.newContext(phone);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in?redirect=/waitlist`);
    await signInOnPage(page, patient);
    await page.getByRole('heading', { level: 1, name: 'My waitlist' }).waitFor();
    await page.getByText('You are not on the waitlist.').waitFor();
    await expectAccessibleAtBothWidths(page, 'my waitlist, empty');
    // From booking: no time suits, so the patient joins the waitlist for that visit.
    await page.goto(url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await guideToCheckIn(page);
    await page.getByRole('button', { name: 'See all times' }).click();
    await page.getByRole('link', { name: 'No time suits you? Join the waitlist' }).click();
    await page.getByRole('heading', { level: 1, name: 'Join the waitlist' }).waitFor();
    // The visit comes from the booking page; the patient could choose another.
    await page.getByRole('button', { name: /Follow-up visit/ }).waitFor();
    await page.getByRole('radio', { name: 'Any time the clinic is open' }).check();
    await expectAccessibleAtBothWidths(page, 'join the waitlist');
    await page.getByRole('button', { name: 'Join the waitlist' }).click();
    await page.getByText('You are on the waitlist.').waitFor();
    await page.getByRole('heading', { name: 'Waiting for: Follow-up visit' }).waitFor();

    // The front desk sees them waiting, ranked, and can set their clinical priority.
    const deskContext = await env.browser.newContext(desktop);
    const deskPage = await deskContext.newPage();
    await deskPage.goto(`${url}/sign-in?redirect=${encodeURIComponent('/console/waitlist')}`);
    await signInOnPage(deskPage, demo.front_desk);
    await deskPage.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await deskPage.getByRole('row').filter({ hasText: 'Follow-up visit' }).first().waitFor();
    await expectAccessibleAtConsoleWidths(deskPage, 'the console waitlist');
    await deskContext.close();

    // A visit of another patient is cancelled: the slot is held and offered by message.
    await other.cancel();
    await page.goto(`${url}/messages`);
    const offerMessage = page.getByRole('article').filter({ hasText: 'A time you asked for' });
    await expect
      .poll(
        async () => {
          if ((await offerMessage.count()) > 0) return true;
          await page.reload();
          await page.getByRole('heading', { level: 1, name: 'Messages' }).waitFor();
          return (await offerMessage.count()) > 0;
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true);
    const link = /\/waitlist\/offer#token=[A-Za-z0-9_-]{43}/.exec(
      (await offerMessage.first().textContent()) ?? '',
    )![0];

    // The message's link opens the offer: the held time, accept or decline.
    await page.goto(`${url}${link}`);
    await page.getByRole('heading', { level: 1, name: 'Your waitlist offer' }).waitFor();
    await page.getByRole('heading', { name: 'A time is free for you' }).waitFor();
    expect(page.url()).not.toContain('token');
    await expectAccessibleAtBothWidths(page, 'a waitlist offer');
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.getByText(/^Booked: your visit is on/).waitFor();
    await expectAccessibleAtBothWidths(page, 'a waitlist offer accepted');

    // The visit is the patient's now, at the cancelled time.
    const mine = (await (
      await context.request.get(`${url}/api/me/appointments?when=upcoming&limit=50`)
    ).json()) as { appointments: { start: string; status: string }[] };
    const at = Date.parse(other.start);
    expect(
      mine.appointments.filter((a) => Date.parse(a.start) === at).map((a) => a.status),
    ).toEqual(['booked']);
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });

  it('a manager sets how offers go out, and reads the offer ledger in the reports', async () => {
    const url = env.server.url;
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in?redirect=${encodeURIComponent('/console/waitlist')}`);
    await signInOnPage(page, demo.manager);
    await page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
    await page.getByRole('heading', { name: 'How offers go out' }).waitFor();
    const batch = page.getByRole('textbox', { name: /Patients offered a freed time at once/ });
    await expect.poll(() => batch.inputValue()).toBe('1');
    await batch.fill('2');
    await page.getByRole('button', { name: 'Save how offers go out' }).click();
    await page.getByText('Saved.').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'the waitlist for a manager, settings saved');
    const saved = (await (
      await context.request.get(`${url}/api/admin/waitlist-settings`)
    ).json()) as { batchSize: number; offerMinutes: number };
    expect(saved).toEqual({ batchSize: 2, offerMinutes: 30 });

    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Waitlist offers' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'reports with the waitlist offers');
    await context.close();
  });
});
