import { parseDate, CalendarDateTime, toZoned } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../server/src/modules/demo/demo.patients.ts';
import { demo } from './accounts.ts';
import {
  clinicDay,
  expectAccessibleConsole,
  signInAtClinic,
  signInByApiAtClinic,
} from './clinic-day.ts';
import { choose, demoDirectory, gridCell } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// The clinic decides per visit type whether the front desk may overbook it. The demo's Minor
// procedure is not overbooked; here the manager switches Follow-up visit off too, and the
// schedule's overbooking offers only what is left, while the API refuses the rest.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

describe('overbooking follows each visit type’s setting', () => {
  it('a manager switches overbooking off for a type; the schedule no longer offers it, and the API refuses it', async () => {
    const viewport = { viewport: { width: 1280, height: 900 } };
    const manager = await day.context(await env.browser.newContext(viewport));
    const setup = await manager.newPage();
    await setup.goto(`${env.server.url}/console/setup/types`);
    await signInAtClinic(setup, day, demo.manager);
    await setup.getByRole('link', { name: 'Follow-up visit' }).click();
    await setup.getByRole('heading', { level: 1, name: 'Edit Follow-up visit' }).waitFor();
    const allow = setup.getByRole('checkbox', { name: 'The front desk may overbook it' });
    expect(await allow.isChecked()).toBe(true);
    await allow.press('Space');
    await setup.getByRole('button', { name: 'Save changes' }).press('Enter');
    await setup.getByText('Follow-up visit is saved.', { exact: false }).waitFor();
    await expectAccessibleConsole(setup, 'type: overbooking off');
    await setup.reload();
    await setup.getByRole('heading', { level: 1, name: 'Edit Follow-up visit' }).waitFor();
    await expect
      .poll(() =>
        setup.getByRole('checkbox', { name: 'The front desk may overbook it' }).isChecked(),
      )
      .toBe(false);
    await manager.close();

    // The front desk: 2:20 PM is taken; overbooking it offers New patient visit only.
    const desk = await day.context(await env.browser.newContext(viewport));
    const page = await desk.newPage();
    await page.goto(`${env.server.url}/console/schedule`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('grid').waitFor();
    await choose(page, /Location$/, 'Riverside Downtown');
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
    await (await gridCell(page, '2:20 PM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Overbook this time' }).click();
    const booking = page.getByRole('dialog', { name: 'Book 2:20 PM with Dr. Amara Okafor' });
    await booking.waitFor();
    const typeSelect = booking.getByRole('button', { name: /Visit type$/ });
    expect(await typeSelect.innerText()).toContain('New patient visit');
    await typeSelect.click();
    const options = await page.getByRole('option').allInnerTexts();
    expect(options).toContain('New patient visit');
    expect(options).not.toContain('Follow-up visit');
    expect(options).not.toContain('Minor procedure');
    await page.keyboard.press('Escape');
    await expectAccessibleConsole(page, 'schedule: overbooking offers allowed types');

    // The API says no too, and books nothing.
    const api = await env.browser.newContext();
    await signInByApiAtClinic(api.request, env.server.url, day, demo.front_desk);
    const d = await demoDirectory(api.request, env.server.url);
    const session = (await (
      await api.request.get(`${env.server.url}/api/auth/session`)
    ).json()) as {
      account: { organizationId: string };
    };
    const d0 = parseDate(day.date);
    const start = toZoned(
      new CalendarDateTime(d0.year, d0.month, d0.day, 14, 20),
      'America/New_York',
    ).toAbsoluteString();
    const alvarez = demoPatients[0]!;
    const found = await api.request.post(`${env.server.url}/api/patients/search`, {
      headers: { origin: env.server.url },
      data: { familyName: alvarez.legalName.family, dateOfBirth: alvarez.dateOfBirth },
    });
    const patientId = ((await found.json()) as { results: { patient: { id: string } }[] })
      .results[0]!.patient.id;
    const refused = await api.request.post(`${env.server.url}/api/appointments`, {
      headers: { origin: env.server.url },
      data: {
        organizationId: session.account.organizationId,
        appointmentTypeId: d.followUp.id,
        providerId: d.okafor.id,
        locationId: d.boston.id,
        patientId,
        start,
        modality: 'in_person',
        confirm: true,
        overbookReason: 'urgent',
      },
    });
    expect(refused.status()).toBe(422);
    expect(((await refused.json()) as { type: string }).type).toBe(
      'urn:hourglass:problem:overbook-not-allowed',
    );
    await api.close();
    await desk.close();
  });
});
