import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import { clinicDay, expectAccessibleConsole, signInAtClinic } from './clinic-day.ts';
import { choose, gridCell } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// Wednesday at 10:20 in Boston: the front desk books a weekly series from a free afternoon time
// with "Repeat", checks the times first, and sees the visit's series in the appointment dialog.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

async function openSchedule(page: Page) {
  await page.goto(`${env.server.url}/console/schedule`);
  await signInAtClinic(page, day, demo.front_desk);
  await page.getByRole('grid').waitFor();
  await choose(page, /Location$/, 'Riverside Downtown');
  await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
}

describe('a recurring series at the front desk', () => {
  it('repeats a visit weekly: previews the times, books them as one series, shows the series', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await openSchedule(page);
    await (await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')).click();
    const booking = page.getByRole('dialog', { name: 'Book 4:20 PM with Dr. Amara Okafor' });
    await booking.waitFor();
    await booking.getByRole('button', { name: /Search by$/ }).click();
    await page.getByRole('option', { name: 'Record number (MRN)' }).click();
    await booking.getByRole('textbox', { name: 'Record number (MRN)' }).fill('DEMO-0011');
    await booking.getByRole('button', { name: 'Search', exact: true }).click();
    await booking.getByRole('button', { name: /^Choose Demo Patient-Brennan/ }).click();

    // Repeat: Wednesdays (the day of the chosen time) for three visits.
    await booking.getByRole('checkbox', { name: 'Repeat' }).press('Space');
    const panel = booking.getByRole('region', { name: 'Repeat this visit' });
    await panel.waitFor();
    expect(await panel.getByRole('checkbox', { name: 'Wednesday' }).isChecked()).toBe(true);
    const count = panel.getByRole('textbox', { name: 'Number of visits' });
    await count.fill('3');
    await count.press('Tab');
    await panel.getByRole('button', { name: 'Check the times' }).click();
    const summary = panel.getByRole('status');
    await summary.getByText(/^3 visits;/).waitFor();
    await expectAccessibleConsole(page, 'schedule: repeat preview');
    // Whatever the demo week holds, a taken time is moved to its nearest free time first.
    for (;;) {
      const take = panel.getByRole('button', { name: /^Take / }).first();
      if (!(await take.isVisible())) break;
      await take.click();
      await panel.getByRole('button', { name: 'Check the times' }).click();
      await summary.waitFor();
    }
    await summary.getByText('3 visits; all free.').waitFor();
    await panel.getByRole('button', { name: 'Book the series' }).click();
    await page.getByText('Booked a series of 3 visits.').waitFor();

    // The first visit's dialog shows its place in the series.
    await (
      await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')
    )
      .getByText('Demo Patient-Brennan')
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Part of a series: visit 1 of 3').waitFor();
    await expectAccessibleConsole(page, 'schedule: a series visit');
    // Today's visit is inside the cut-off: the desk says why it cancels this late (the same
    // choice as cancelling one visit), then this and the following visits are cancelled.
    await dialog.getByText(/less than \d+ hours? away/).waitFor();
    await choose(page, /Reason to cancel inside the cut-off/, 'Clinical need');
    await expectAccessibleConsole(page, 'schedule: cancelling a series inside the cut-off');
    await dialog.getByRole('button', { name: 'Cancel this and the following visits' }).click();
    await page.getByText('3 visits of the series cancelled.').waitFor();
    await context.close();
  });
});
