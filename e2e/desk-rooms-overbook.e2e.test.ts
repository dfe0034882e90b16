import { CalendarDateTime, parseDate, toZoned } from '@internationalized/date';
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

// The schedule by room, and overbooking by visit type. The clinic decides per visit type whether
// the front desk may overbook it: the demo's Minor procedure is not overbooked; here the manager
// switches Follow-up visit off too, and the schedule's overbooking offers only what is left,
// while the API refuses the rest.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

/**
 * The front desk through the API: books a demo patient (found by family name and birth date)
 * with Dr. Okafor at Riverside Downtown, as the schedule's booking dialog would.
 */
async function deskBooks(
  patient: (typeof demoPatients)[number],
  at: { typeId: string; start: string; overbookReason?: string },
) {
  const api = await env.browser.newContext();
  const url = env.server.url;
  await signInByApiAtClinic(api.request, url, day, demo.front_desk);
  const d = await demoDirectory(api.request, url);
  const { account } = (await (await api.request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string };
  };
  const found = await api.request.post(`${url}/api/patients/search`, {
    headers: { origin: url },
    data: { familyName: patient.legalName.family, dateOfBirth: patient.dateOfBirth },
  });
  const patientId = ((await found.json()) as { results: { patient: { id: string } }[] }).results[0]!
    .patient.id;
  const res = await api.request.post(`${url}/api/appointments`, {
    headers: { origin: url },
    data: {
      organizationId: account.organizationId,
      appointmentTypeId: at.typeId,
      providerId: d.okafor.id,
      locationId: d.boston.id,
      patientId,
      start: at.start,
      modality: 'in_person',
      confirm: true,
      ...(at.overbookReason ? { overbookReason: at.overbookReason } : {}),
    },
  });
  const answer = { status: res.status(), body: (await res.json()) as { type?: string } };
  await api.close();
  return answer;
}

describe('the schedule by room, and overbooking by visit type', () => {
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

    // The API says no too.
    const d0 = parseDate(day.date);
    const start = toZoned(
      new CalendarDateTime(d0.year, d0.month, d0.day, 14, 20),
      'America/New_York',
    ).toAbsoluteString();
    const { followUp } = await demoDirectory(desk.request, env.server.url);
    const refused = await deskBooks(demoPatients[0]!, {
      typeId: followUp.id,
      start,
      overbookReason: 'urgent',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:hourglass:problem:overbook-not-allowed');
    await desk.close();
  });

  it('shows the day with a column per room: a procedure appears in the room it takes', async () => {
    const api = await env.browser.newContext();
    const d = await demoDirectory(api.request, env.server.url);
    const { appointmentTypes } = (await (
      await api.request.get(`${env.server.url}/api/organizations/demo/appointment-types`)
    ).json()) as { appointmentTypes: { id: string; name: string }[] };
    const procedure = appointmentTypes.find((t) => t.name === 'Minor procedure')!;
    // Friday (past the procedure's 48 hours' notice): its first open time with Dr. Okafor.
    const friday = parseDate(day.date).add({ days: 2 });
    const open = await api.request.get(
      `${env.server.url}/api/availability?${new URLSearchParams({
        organization: 'demo',
        appointmentTypeId: procedure.id,
        providers: d.okafor.id,
        from: friday.toString(),
        to: friday.toString(),
        zone: 'America/New_York',
      })}`,
    );
    const start = ((await open.json()) as { slots: { start: string }[] }).slots[0]!.start;
    const at = new Date(start).toLocaleTimeString('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'America/New_York',
    });
    const booked = await deskBooks(demoPatients[1]!, { typeId: procedure.id, start });
    expect(booked.status).toBe(201);
    await api.close();

    const desk = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await desk.newPage();
    const query = new URLSearchParams({ location: d.boston.id, date: friday.toString() });
    await page.goto(`${env.server.url}/console/schedule?${query}`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();

    // Columns: Rooms, by keyboard.
    await page.getByRole('button', { name: /Columns$/ }).press('Enter');
    await page.getByRole('option', { name: 'Rooms' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('columnheader', { name: 'Procedure room' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('columns')).toBe('rooms');
    const cell = await gridCell(page, at, 'Procedure room');
    await expect.poll(() => cell.innerText()).toContain('Minor procedure');
    // A visit that takes no room is not in the room's column.
    expect(await page.getByRole('grid').innerText()).not.toContain('Follow-up visit');
    await expectAccessibleConsole(page, 'schedule: rooms as columns');

    // A free time in a room's column books that room (desk-book-room.e2e.test.ts books one).
    await page.getByRole('gridcell', { name: 'Free', exact: true }).last().click();
    await page.getByRole('dialog', { name: /^Book .* in Procedure room$/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Back to providers: the procedure is in Dr. Okafor's column.
    await choose(page, /Columns$/, 'Providers');
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
    await expect
      .poll(async () => (await gridCell(page, at, 'Dr. Amara Okafor')).innerText())
      .toContain('Minor procedure');
    await desk.close();
  });
});
