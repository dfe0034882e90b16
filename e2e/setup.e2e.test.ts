import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

/** Picks an option of a React Aria select by the select's label. */
async function choose(page: Page, label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function signInAs(account: (typeof demo)['manager'], path: string) {
  const context = await env.browser.newContext(desktop);
  const page = await context.newPage();
  await page.goto(`${env.server.url}/sign-in?redirect=${encodeURIComponent(path)}`);
  await signInOnPage(page, account);
  return { context, page };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

describe('a manager sets up the clinic in the console', () => {
  it('creates an appointment type with buffers that the portal then offers, and is told beside the name when it is taken', async () => {
    const { context, page } = await signInAs(demo.manager, '/console/setup');
    const recorder = recordLeaks(context);
    await page.getByRole('heading', { level: 1, name: 'Clinic setup' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'setup overview');

    await page
      .getByRole('navigation', { name: 'Clinic setup sections' })
      .getByRole('link', { name: 'Appointment types' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Appointment types' }).waitFor();
    await page.getByRole('table', { name: 'Appointment types of the clinic' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'appointment types');
    await page.getByRole('link', { name: 'New appointment type' }).click();
    await page.getByRole('heading', { level: 1, name: 'New appointment type' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'new appointment type');

    await page.getByRole('textbox', { name: 'Name' }).fill('Ear check');
    await page.getByRole('textbox', { name: /^Description/ }).fill('A quick look at sore ears.');
    await page.getByRole('textbox', { name: /^Length of the visit/ }).fill('20');
    await page.getByRole('textbox', { name: /^Buffer before/ }).fill('10');
    await page.getByRole('textbox', { name: /^Buffer after/ }).fill('5');
    await page.getByRole('textbox', { name: /^Start times every/ }).fill('30');
    await page.getByRole('textbox', { name: /^Shortest notice/ }).fill('0');
    await page.getByText('Dr. Amara Okafor at Riverside Downtown').click();
    await page.getByRole('button', { name: 'Create the appointment type' }).click();
    await page.getByText('Ear check is saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Edit Ear check' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'appointment type created');
    const typeId = new URL(page.url()).pathname.split('/').at(-1)!;
    expect(typeId).toMatch(/^[0-9a-f-]{36}$/);

    // The directory says what was set, and the portal's availability offers it.
    const { appointmentTypes } = (await (
      await context.request.get(`${env.server.url}/api/organizations/demo/appointment-types`)
    ).json()) as {
      appointmentTypes: { id: string; bufferBeforeMinutes: number; bufferAfterMinutes: number }[];
    };
    expect(appointmentTypes.find((x) => x.id === typeId)).toMatchObject({
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 5,
    });
    const today = new Date();
    const query = new URLSearchParams({
      organization: 'demo',
      appointmentTypeId: typeId,
      from: isoDay(today),
      to: isoDay(new Date(today.getTime() + 13 * 86_400_000)),
      zone: 'America/New_York',
    });
    const anonymous = await env.browser.newContext();
    const offered = await anonymous.request.get(
      `${env.server.url}/api/availability/compact?${query}`,
    );
    expect(offered.status()).toBe(200);
    const { days } = (await offered.json()) as { days: { times: number }[] };
    // Okafor works 9–12 and 13–17 on weekdays: 20 minutes plus 15 of buffers, every 30 minutes.
    expect(days.reduce((n, d) => n + d.times, 0)).toBeGreaterThan(0);
    await anonymous.close();

    // A second type of the same name: the form says so beside the name, and nothing is created.
    await page.getByRole('link', { name: 'All appointment types' }).click();
    await page.getByRole('link', { name: 'New appointment type' }).click();
    await page.getByRole('heading', { level: 1, name: 'New appointment type' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Ear check');
    await page.getByRole('button', { name: 'Create the appointment type' }).click();
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(
      describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(' ')).toContain('Another one already has this name: choose another.');
    await expectAccessibleAtConsoleWidths(page, 'appointment type name taken');
    const again = (await (
      await context.request.get(`${env.server.url}/api/organizations/demo/appointment-types`)
    ).json()) as { appointmentTypes: { name: string }[] };
    expect(again.appointmentTypes.filter((x) => x.name === 'Ear check')).toHaveLength(1);

    // Another name clears the complaint, and the corrected form is sent.
    await name.fill('Ear check, second look');
    await expect.poll(() => name.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Create the appointment type' }).click();
    await page.getByText('Ear check, second look is saved.', { exact: false }).waitFor();

    expect(await recorder.leaks(page, [])).toEqual([]);
    await context.close();
  });

  it('adds and removes weekly hours, and the schedule rules follow', async () => {
    const { context, page } = await signInAs(demo.manager, '/console/setup/hours');
    await page.getByRole('heading', { level: 1, name: 'Working hours and time off' }).waitFor();
    const table = page.getByRole('table', {
      name: 'Weekly hours of Dr. Amara Okafor at Riverside Downtown',
    });
    await table.waitFor();
    await expectAccessibleAtConsoleWidths(page, 'working hours');
    expect(await table.getByRole('row', { name: /Saturday/ }).count()).toBe(0);

    await choose(page, /Day of the week/, 'Saturday');
    await page.getByLabel('Starts at').first().fill('10:00');
    await page.getByLabel('Ends at').first().fill('14:00');
    await page.getByRole('button', { name: 'Add these hours' }).click();
    const saturday = table.getByRole('row', { name: /Saturday/ });
    await saturday.waitFor();
    expect(await saturday.textContent()).toContain('10:00');
    await expectAccessibleAtConsoleWidths(page, 'working hours added');

    const rules = async () =>
      (
        (await (
          await context.request.get(`${env.server.url}/api/organizations/demo/setup-rules`)
        ).json()) as { workingHours: { weekday: number; startTime: string; endTime: string }[] }
      ).workingHours.filter((w) => w.weekday === 6);
    expect(await rules()).toEqual([
      expect.objectContaining({ startTime: '10:00', endTime: '14:00' }),
    ]);

    // Hours that end before they start are refused beside the field.
    await page.getByLabel('Starts at').first().fill('15:00');
    await page.getByLabel('Ends at').first().fill('11:00');
    await page.getByRole('button', { name: 'Add these hours' }).click();
    await page.getByText('the interval ends before it starts').waitFor();
    await expectAccessibleAtConsoleWidths(page, 'working hours refused');

    await page.getByRole('button', { name: 'Remove Saturday 10:00–14:00' }).click();
    await expect.poll(() => saturday.count()).toBe(0);
    expect(await rules()).toEqual([]);
    await context.close();
  });
});
