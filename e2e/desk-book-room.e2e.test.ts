import { parseDate } from '@internationalized/date';
import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import {
  clinicDay,
  expectAccessibleConsole,
  signInAtClinic,
  signInByApiAtClinic,
} from './clinic-day.ts';
import { choose, demoDirectory } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// The schedule by room: a free time in a room's column books that room. The clinic has two
// procedure rooms; the desk picks the second one's free time by keyboard, chooses the provider in
// the booking dialog, and the visit takes that room — not the first free one.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

describe('booking from a room’s free time', () => {
  it('opens the booking dialog for that room and time, and the visit takes that room', async () => {
    const url = env.server.url;
    const api = await env.browser.newContext();
    await signInByApiAtClinic(api.request, url, day, demo.manager);
    const d = await demoDirectory(api.request, url);
    const added = await api.request.post(`${url}/api/organizations/demo/resources`, {
      headers: { origin: url },
      data: { locationId: d.boston.id, name: 'Second procedure room', kind: 'room' },
    });
    expect(added.status()).toBe(201);
    const roomId = ((await added.json()) as { id: string }).id;
    const { providers } = (await (
      await api.request.get(`${url}/api/organizations/demo/providers`)
    ).json()) as { providers: { id: string; displayName: string }[] };
    const lindqvist = providers.find((p) => p.displayName === 'Dr. Erik Lindqvist')!;
    const { appointmentTypes } = (await (
      await api.request.get(`${url}/api/organizations/demo/appointment-types`)
    ).json()) as { appointmentTypes: { id: string; name: string }[] };
    const procedure = appointmentTypes.find((t) => t.name === 'Minor procedure')!;
    // Friday (past the procedure's 48 hours' notice): Dr. Lindqvist's first open procedure time.
    const friday = parseDate(day.date).add({ days: 2 }).toString();
    const open = await api.request.get(
      `${url}/api/availability?${new URLSearchParams({
        organization: 'demo',
        appointmentTypeId: procedure.id,
        providers: lindqvist.id,
        from: friday,
        to: friday,
        zone: 'America/New_York',
      })}`,
    );
    const start = ((await open.json()) as { slots: { start: string }[] }).slots[0]!.start;
    const at = new Date(start).toLocaleTimeString('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: 'America/New_York',
    });
    await api.close();

    const desk = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await desk.newPage();
    const query = new URLSearchParams({ location: d.boston.id, date: friday, columns: 'rooms' });
    await page.goto(`${url}/console/schedule?${query}`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('columnheader', { name: 'Second procedure room' }).waitFor();
    const headers = await page.getByRole('columnheader').allInnerTexts();
    const cell = page
      .getByRole('row', { name: new RegExp(`^${at}\\b`) })
      .getByRole('gridcell')
      .nth(headers.indexOf('Second procedure room'));
    expect(await cell.getAttribute('aria-label')).toBe('Free');

    // By keyboard: to the cell, Enter.
    await cell.focus();
    await page.keyboard.press('Enter');
    const booking = page.getByRole('dialog', { name: `Book ${at} in Second procedure room` });
    await booking.waitFor();
    await choose(page, /Provider$/, 'Dr. Erik Lindqvist');
    expect(await booking.getByRole('button', { name: /Visit type$/ }).innerText()).toContain(
      'Minor procedure',
    );
    await booking.getByRole('textbox', { name: 'Family name' }).fill('Patient-Nakamura');
    await booking
      .getByRole('group', { name: 'Date of birth' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type('02141990');
    await booking.getByRole('button', { name: 'Search', exact: true }).press('Enter');
    await booking.getByRole('button', { name: 'Choose Demo Patient-Nakamura' }).press('Enter');
    await booking.getByText('Booking for Demo Patient-Nakamura', { exact: false }).waitFor();
    await expectAccessibleConsole(page, 'schedule: booking a room’s free time');
    await booking.getByRole('button', { name: 'Book', exact: true }).press('Enter');
    await page.getByText(`Booked ${at} for Demo Patient-Nakamura.`).waitFor();

    // The visit is in the second room's column, and took that room (the first was free too).
    await expect.poll(() => cell.innerText()).toContain('Demo Patient-Nakamura');
    const first = page
      .getByRole('row', { name: new RegExp(`^${at}\\b`) })
      .getByRole('gridcell')
      .nth(headers.indexOf('Procedure room'));
    expect(await first.innerText()).not.toContain('Demo Patient-Nakamura');
    const schedule = await desk.request.get(
      `${url}/api/locations/${d.boston.id}/schedule?from=${friday}&to=${friday}`,
    );
    const entries = (
      (await schedule.json()) as {
        entries: { start: string; providerId: string; resourceIds: string[] }[];
      }
    ).entries.filter(
      (e) => e.providerId === lindqvist.id && Date.parse(e.start) === Date.parse(start),
    );
    expect(entries.map((e) => e.resourceIds)).toEqual([[roomId]]);
    await desk.close();
  });
});
