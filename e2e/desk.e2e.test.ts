import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo } from './accounts.ts';
import { clinicDay, expectAccessibleConsole, signInAtClinic } from './clinic-day.ts';
import { choose, gridCell, patientHolds } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';

// Wednesday at 10:20 in Boston: Dr. Okafor's 9:40 visit is over and still booked, the 10:20 one
// is starting (check-in is open), and the afternoon has free times.
const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

/** What identifies the patients these tests touch: it must not leave the screen. */
const phi = ['Nakamura', 'Nakam', '1990-02-14', '02/14/1990', 'DEMO-0010', '555 0110'];

/** Confirms with the password when the step-up dialog opens, until `done` shows. */
async function confirmStepUpIfAsked(page: Page, password: string, done: Locator) {
  const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
  await Promise.race([stepUp.waitFor(), done.waitFor()]);
  if (await stepUp.isVisible()) {
    await expectAccessibleConsole(page, 'step-up');
    await stepUp.getByLabel('Password', { exact: true }).fill(password);
    await stepUp.getByRole('button', { name: 'Confirm' }).click();
  }
  await done.waitFor();
}

async function openSchedule(page: Page) {
  await page.goto(`${env.server.url}/console/schedule`);
  await signInAtClinic(page, day, demo.front_desk);
  await page.getByRole('grid').waitFor();
  await choose(page, /Location$/, 'Riverside Downtown');
  await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
}

describe('the front desk', () => {
  it('finds a patient, books, reschedules, checks in, marks a no-show and sees a patient’s booking appear', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const leaks = recordLeaks(context);
    const page = await context.newPage();

    // Sign in with the authenticator code, then find the patient by family name and birth date.
    await page.goto(`${env.server.url}/console/patients`);
    await signInAtClinic(page, day, demo.front_desk);
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
    await expectAccessibleConsole(page, 'patients: search');
    await page.getByRole('textbox', { name: 'Family name' }).fill('Patient-Nakam');
    await page
      .getByRole('group', { name: 'Date of birth' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type('02141990');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Open Demo Patient-Nakamura' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo Patient-Nakamura' }).waitFor();
    // The address names the patient by an opaque id only.
    expect(page.url()).toMatch(/\/console\/patients\/[0-9a-f-]{36}$/);
    // Front-desk fields: contact details shown, the record number masked until a step-up.
    await page.getByText('+1 555 0110').waitFor();
    await page.getByText('•••• 0010').waitFor();
    await expectAccessibleConsole(page, 'patient summary (front desk)');
    // Revealing needs a step-up within five minutes: signing in with the code was one, so the
    // record number shows at once here; later the step-up dialog would ask first.
    await page.getByRole('button', { name: 'Show Record number (MRN) in full' }).click();
    await confirmStepUpIfAsked(
      page,
      demo.front_desk.password,
      page.getByText('DEMO-0010', { exact: true }),
    );
    await page.getByText('DEMO-0010', { exact: true }).waitFor();

    // The day's grid.
    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('grid').waitFor();
    await choose(page, /Location$/, 'Riverside Downtown');
    await page.getByRole('columnheader', { name: 'Dr. Amara Okafor' }).waitFor();
    await expectAccessibleConsole(page, 'schedule: day');

    // Check in the visit starting now.
    await (await gridCell(page, '10:20 AM', 'Dr. Amara Okafor')).click();
    const appointment = page.getByRole('dialog', { name: 'Appointment at 10:20 AM' });
    await appointment.waitFor();
    await expectAccessibleConsole(page, 'schedule: appointment');
    await appointment.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Checked in.').waitFor();
    await (
      await gridCell(page, '10:20 AM', 'Dr. Amara Okafor')
    )
      .getByText('Checked in')
      .first()
      .waitFor();

    // The 9:40 visit is over and nobody came.
    await (await gridCell(page, '9:40 AM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Mark no-show' }).click();
    await page.getByText('Marked as a no-show.').waitFor();
    await (
      await gridCell(page, '9:40 AM', 'Dr. Amara Okafor')
    )
      .getByText('No-show')
      .first()
      .waitFor();

    // Book a free afternoon time for the patient found by search.
    await (await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')).click();
    const booking = page.getByRole('dialog', { name: 'Book 4:20 PM with Dr. Amara Okafor' });
    await booking.waitFor();
    await booking.getByRole('textbox', { name: 'Family name' }).fill('Patient-Nakamura');
    await booking
      .getByRole('group', { name: 'Date of birth' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type('02141990');
    await booking.getByRole('button', { name: 'Search', exact: true }).click();
    await booking.getByRole('button', { name: 'Choose Demo Patient-Nakamura' }).waitFor();
    await expectAccessibleConsole(page, 'schedule: booking with search results');
    await booking.getByRole('button', { name: 'Why is this time not offered?' }).click();
    await booking.getByText('This time can be booked for this visit type.').waitFor();
    await booking.getByRole('button', { name: 'Choose Demo Patient-Nakamura' }).click();
    await booking.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Booked 4:20 PM for Demo Patient-Nakamura.').waitFor();
    await (
      await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')
    )
      .getByText('Demo Patient-Nakamura')
      .first()
      .waitFor();

    // Reschedule it by choosing a new time.
    await (await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Reschedule' }).click();
    await page.getByRole('button', { name: 'Move to 4:40 PM' }).waitFor();
    await expectAccessibleConsole(page, 'schedule: reschedule');
    await page.getByRole('button', { name: 'Move to 4:40 PM' }).click();
    await page.getByText(/^Moved to 4:40 PM/).waitFor();
    await (
      await gridCell(page, '4:40 PM', 'Dr. Amara Okafor')
    )
      .getByText('Demo Patient-Nakamura')
      .first()
      .waitFor();
    await expect
      .poll(async () => (await gridCell(page, '4:20 PM', 'Dr. Amara Okafor')).innerText())
      .not.toContain('Nakamura');

    // Meanwhile a patient holds 3:00 PM in the portal: the grid shows it at its next poll.
    const patientSide = await env.browser.newContext();
    await patientHolds(patientSide.request, env.server.url, atBoston('15:00'));
    await patientSide.close();
    const held = await gridCell(page, '3:00 PM', 'Dr. Amara Okafor');
    await held.getByText(/Held until/).waitFor({ timeout: 15_000 });

    // No patient's details in addresses, the console or browser storage.
    expect(await leaks.leaks(page, phi)).toEqual([]);
    await context.close();
  });

  it('a stale grid cannot book over someone: the desk is told and offered the nearest times', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await openSchedule(page);
    await (await gridCell(page, '3:20 PM', 'Dr. Amara Okafor')).click();
    const booking = page.getByRole('dialog', { name: 'Book 3:20 PM with Dr. Amara Okafor' });
    await booking.waitFor();
    await booking.getByRole('button', { name: /Search by$/ }).click();
    await page.getByRole('option', { name: 'Record number (MRN)' }).click();
    await booking.getByRole('textbox', { name: 'Record number (MRN)' }).fill('DEMO-0011');
    await booking.getByRole('button', { name: 'Search', exact: true }).click();
    await booking.getByRole('button', { name: /^Choose Demo Patient-Brennan/ }).click();
    // While the dialog is open, the patient takes the time in the portal.
    const patientSide = await env.browser.newContext();
    await patientHolds(patientSide.request, env.server.url, atBoston('15:20'));
    await patientSide.close();
    await booking.getByRole('button', { name: 'Book', exact: true }).click();
    await booking.getByText('Someone else took this time').waitFor();
    await expectAccessibleConsole(page, 'schedule: booking conflict');
    const alternative = booking.getByRole('button', { name: /^Book .* instead$/ }).first();
    const label = await alternative.innerText();
    await alternative.click();
    await page.getByText(/^Booked .* for Demo Patient-Brennan\.$/).waitFor();
    expect(label).not.toContain('3:20 PM,');
    await context.close();
  });

  it('cancels inside the cut-off with the reason for the late change, and overbooks with a reason', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await openSchedule(page);

    // 3:40 PM today is inside the visit type's 24-hour cut-off: the late-change reason is asked.
    await (await gridCell(page, '3:40 PM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByRole('button', { name: /Reason to cancel inside the cut-off$/ }).waitFor();
    await expectAccessibleConsole(page, 'schedule: cancel inside the cut-off');
    await choose(page, /Reason$/, 'Duplicate booking');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel appointment' }).click();
    await page.getByText('Appointment cancelled.').waitFor();
    await expect
      .poll(async () => (await gridCell(page, '3:40 PM', 'Dr. Amara Okafor')).innerText())
      .not.toContain('Follow-up');

    // 2:20 PM is taken: overbook it in the extra lane, with a reason.
    await (await gridCell(page, '2:20 PM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Overbook this time' }).click();
    const booking = page.getByRole('dialog', { name: 'Book 2:20 PM with Dr. Amara Okafor' });
    await booking.waitFor();
    expect(
      await booking.getByRole('checkbox', { name: /^Overbook: add to the extra lane/ }).isChecked(),
    ).toBe(true);
    await booking.getByRole('button', { name: /Search by$/ }).click();
    await page.getByRole('option', { name: 'Record number (MRN)' }).click();
    await booking.getByRole('textbox', { name: 'Record number (MRN)' }).fill('DEMO-0012');
    await booking.getByRole('button', { name: 'Search', exact: true }).click();
    await booking.getByRole('button', { name: /^Choose Demo Patient-Haddad/ }).click();
    await expectAccessibleConsole(page, 'schedule: overbooking');
    await booking.getByRole('button', { name: 'Book', exact: true }).click();
    await page.getByText('Booked 2:20 PM for Demo Patient-Haddad.').waitFor();
    await (await gridCell(page, '2:20 PM', 'Dr. Amara Okafor')).getByText('+1 more').waitFor();
    await context.close();
  });

  it('moves through the grid with the keyboard alone', async () => {
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const page = await context.newPage();
    await openSchedule(page);
    const active = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el?.getAttribute('role') === 'gridcell'
          ? { r: Number(el.dataset.r), c: Number(el.dataset.c) }
          : null;
      });
    // One cell of the grid is in the Tab order.
    await page.getByRole('grid').locator('[tabindex="0"]').focus();
    expect(await page.getByRole('grid').locator('[tabindex="0"]').count()).toBe(1);
    const start = (await active())!;
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    expect(await active()).toEqual({ r: start.r + 1, c: start.c + 1 });
    await page.keyboard.press('Home');
    expect(await active()).toEqual({ r: start.r + 1, c: 0 });
    await page.keyboard.press('PageDown');
    expect(await active()).toEqual({ r: start.r + 7, c: 0 });
    await page.keyboard.press('Control+End');
    const corner = (await active())!;
    expect(corner.c).toBe(1);
    await page.keyboard.press('Control+Home');
    expect(await active()).toEqual({ r: 0, c: 0 });
    // Tab leaves the grid; Shift+Tab comes back to the same cell.
    await page.keyboard.press('Tab');
    expect(await active()).toBeNull();
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toEqual({ r: 0, c: 0 });
    // Enter opens the cell (a free 7:00 AM: booking), Escape closes and focus comes back.
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: /^Book 7:00 AM with/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // Focus goes back to the cell that opened it (React Aria restores it as the dialog leaves).
    await expect.poll(active).toEqual({ r: 0, c: 0 });
    await context.close();
  });
});

/** An instant of the clinic day at a Boston wall-clock time. */
function atBoston(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  const start = day.start.getTime() + (h! * 60 + m! - (10 * 60 + 20)) * 60_000;
  return new Date(start).toISOString();
}
