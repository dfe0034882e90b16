import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import { clinicDay, expectAccessibleConsole, signInAtClinic } from './clinic-day.ts';
import { choose, gridCell } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';

// The clinic's overbooking policy: the manager gives Dr. Okafor two extra places at once but one
// overbooking a day; the front desk's dialog shows what remains, and the second overbooking of
// the day is refused by the database with the limit named. Wednesday at 10:20 in Boston; 2:20 PM
// is taken.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });
const viewport = { viewport: { width: 1280, height: 900 } };

async function overbookDialog(page: Page, mrn: string) {
  await (await gridCell(page, '2:20 PM', 'Dr. Amara Okafor')).click();
  const details = page.getByRole('dialog');
  await details.getByRole('button', { name: 'Overbook this time' }).waitFor();
  // The booked visit's no-show risk is in its details (computed from the clinic's history).
  await details.getByText('No-show risk', { exact: true }).waitFor();
  await details.getByRole('button', { name: 'Overbook this time' }).click();
  const booking = page.getByRole('dialog', { name: 'Book 2:20 PM with Dr. Amara Okafor' });
  await booking.waitFor();
  await booking.getByRole('button', { name: /Search by$/ }).click();
  await page.getByRole('option', { name: 'Record number (MRN)' }).click();
  await booking.getByRole('textbox', { name: 'Record number (MRN)' }).fill(mrn);
  await booking.getByRole('button', { name: 'Search', exact: true }).click();
  await booking.getByRole('button', { name: /^Choose Demo Patient-/ }).click();
  return booking;
}

describe('the overbooking policy', () => {
  it('a manager sets the limits; the desk sees what remains and the database refuses past the cap', async () => {
    const manager = await day.context(await env.browser.newContext(viewport));
    const setup = await manager.newPage();
    await setup.goto(`${env.server.url}/console/setup`);
    await signInAtClinic(setup, day, demo.manager);
    await setup.getByRole('link', { name: 'Overbooking' }).first().click();
    await setup.getByRole('heading', { level: 1, name: 'Overbooking' }).waitFor();
    await setup.getByText('No rules yet', { exact: false }).waitFor();
    await choose(setup, /Provider$/, 'Dr. Amara Okafor');
    await setup.getByRole('textbox', { name: 'Extra visits at the same time' }).fill('2');
    await setup.getByRole('textbox', { name: 'Overbookings per day' }).fill('1');
    await setup.getByRole('button', { name: 'Save rule' }).press('Enter');
    await setup.getByText('Rule saved.').waitFor();
    const rule = setup.getByRole('row', { name: /^Dr\. Amara Okafor/ });
    await expect.poll(() => rule.innerText()).toContain('Every visit type');
    expect((await rule.innerText()).replace(/\s+/g, ' ')).toContain('Allowed 2 No limit 1');
    await expectAccessibleConsole(setup, 'setup: overbooking rule');
    await manager.close();

    const desk = await day.context(await env.browser.newContext(viewport));
    const page = await desk.newPage();
    await page.goto(`${env.server.url}/console/schedule`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('grid').waitFor();
    await choose(page, /Location$/, 'Riverside Downtown');
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();

    // The first overbooking of the day: one left, both extra places free.
    const first = await overbookDialog(page, 'DEMO-0012');
    await first.getByText('1 more overbooking possible here').waitFor();
    await first.getByText('Extra places at this time: 2 of 2 free').waitFor();
    await first.getByText('This day: 0 of 1 overbookings used').waitFor();
    await expectAccessibleConsole(page, 'schedule: overbooking allowance');
    await first.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Booked 2:20 PM for Demo Patient-Haddad.').waitFor();

    // The second: the day's limit is used; the dialog says so, and the database refuses it.
    const second = await overbookDialog(page, 'DEMO-0010');
    await second.getByText('No overbooking left here').waitFor();
    await second.getByText('This day: 1 of 1 overbookings used').waitFor();
    await second.getByRole('button', { name: 'Book', exact: true }).click();
    await second
      .getByText(
        'The overbooking limit is reached: the provider has had as many overbookings this day as the clinic allows. Nothing was booked.',
      )
      .waitFor();
    await expectAccessibleConsole(page, 'schedule: overbooking cap reached');
    await desk.close();
  });
});
