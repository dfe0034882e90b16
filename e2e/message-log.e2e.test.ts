import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import {
  clinicDay,
  expectAccessibleConsole,
  signInAtClinic,
  signInByApiAtClinic,
} from './clinic-day.ts';
import { choose, demoDirectory, gridCell } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// The appointment dialog's message log: the desk books the demo patient this afternoon (so a
// day-of reminder is planned for two hours before), opens the visit's messages, sends the
// reminder now with a reason, then resends it; each change is listed with its reason.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

async function deskBooksThisAfternoon() {
  const url = env.server.url;
  const desk = await env.browser.newContext();
  await signInByApiAtClinic(desk.request, url, day, demo.front_desk);
  const d = await demoDirectory(desk.request, url);
  const { account } = (await (await desk.request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string };
  };
  const found = await desk.request.post(`${url}/api/patients/lookup`, {
    headers: { origin: url },
    data: { mrn: 'DEMO-0001' },
  });
  const patientId = ((await found.json()) as { patients: { id: string }[] }).patients[0]!.id;
  const query = new URLSearchParams({
    organization: 'demo',
    appointmentTypeId: d.followUp.id,
    providers: d.okafor.id,
    locations: d.boston.id,
    modality: 'in_person',
    from: day.date,
    to: day.date,
    zone: d.boston.timeZone,
  });
  const answer = await desk.request.get(`${url}/api/availability?${query}`);
  expect(answer.status(), await answer.text()).toBe(200);
  const { slots } = (await answer.json()) as { slots: { start: string }[] };
  // At least three hours away: the day-of reminder (two hours before) is still ahead.
  const slot = slots.find((s) => Date.parse(s.start) > day.serverNow().getTime() + 3 * 3_600_000);
  expect(slot, 'a free afternoon time with Dr. Okafor').toBeTruthy();
  const booked = await desk.request.post(`${url}/api/appointments`, {
    headers: { origin: url },
    data: {
      organizationId: account.organizationId,
      appointmentTypeId: d.followUp.id,
      providerId: d.okafor.id,
      locationId: d.boston.id,
      patientId,
      start: slot!.start,
      modality: 'in_person',
      confirm: true,
    },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  await desk.close();
  return new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: d.boston.timeZone,
  }).format(new Date(slot!.start));
}

describe('the message log of an appointment', () => {
  it('the desk sends the day-of reminder now and resends it, each with a reason, axe-checked', async () => {
    const time = await deskBooksThisAfternoon();
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await page.goto(`${env.server.url}/console/schedule`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('grid').waitFor();
    await choose(page, /Location$/, 'Riverside Downtown');
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
    await (await gridCell(page, time, 'Dr. Amara Okafor')).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Messages' }).click();
    const log = dialog.getByRole('table');
    await log.waitFor();
    const nudge = () => log.getByRole('row', { name: /^Day-of reminder/ });
    await expect.poll(() => nudge().first().innerText()).toContain('Scheduled');
    expect(await log.getByRole('row', { name: /^Confirmation/ }).count()).toBe(1);
    await expectAccessibleConsole(page, 'schedule: message log');

    await dialog.getByRole('button', { name: /^Send now: Day-of reminder/ }).click();
    await choose(page, /Reason$/, 'The patient asked');
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await dialog.getByText('Sent now.').waitFor();
    await expect.poll(() => nudge().first().innerText()).toContain('Send now (The patient asked)');
    expect(await nudge().first().innerText()).toMatch(/\bSent\b/);
    // The channel it went out on (the demo patient's consent decides which).
    expect(await nudge().first().innerText()).toMatch(/Portal inbox|Email|Text message/);

    await dialog
      .getByRole('button', { name: /^Resend: Day-of reminder/ })
      .first()
      .click();
    await choose(page, /Reason$/, 'Wrong contact details');
    await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
    await dialog.getByText('Sent again.').waitFor();
    await expect.poll(() => nudge().count()).toBe(2);
    expect(await nudge().first().innerText()).toContain('Resend (Wrong contact details)');
    await expectAccessibleConsole(page, 'schedule: message log after staff changes');
    await context.close();
  });
});
