import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';

// A clinic administrator's first day: everything set up by the pages (keyboard where it counts),
// and each change checked where it has its effect — the directory, or the times patients see.

const env = useServerAndBrowser();

async function signInAs(account: (typeof demo)['manager'], path: string) {
  const context = await env.browser.newContext(desktop);
  const page = await context.newPage();
  await page.goto(`${env.server.url}/sign-in?redirect=${encodeURIComponent(path)}`);
  await signInOnPage(page, account);
  return { context, page };
}

async function openSection(page: Page, link: string, heading: string) {
  await page
    .getByRole('navigation', { name: 'Clinic setup sections' })
    .getByRole('link', { name: link })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const getJson = async <T>(request: APIRequestContext, path: string) =>
  (await (await request.get(`${env.server.url}${path}`)).json()) as T;

/** The local date `days` after today in `zone`, and its weekday (1 Monday … 7 Sunday). */
function localDay(zone: string, days: number) {
  const date = new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', {
    timeZone: zone,
  });
  const weekday = ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return { date, weekday };
}

describe('a clinic administrator sets up the clinic on day one', () => {
  it('adds a location with its zone chosen from the list, a provider there and a room', async () => {
    const { context, page } = await signInAs(demo.manager, '/console/setup/locations');
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();

    // The zone is a searchable list, worked by keyboard: type, arrow down, Enter.
    await page.getByRole('textbox', { name: 'Name' }).fill('Lakeside Clinic');
    const zone = page.getByRole('combobox', { name: /^Time zone/ });
    await zone.fill('');
    await zone.pressSequentially('Chicago');
    await expect.poll(() => zone.inputValue()).toBe('Chicago');
    const listed = page.getByRole('option', { name: 'America/Chicago' });
    await listed.waitFor();
    expect(await page.getByRole('option').count()).toBeLessThan(5);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => zone.inputValue()).toBe('America/Chicago');
    await page.getByRole('textbox', { name: /^City/ }).fill('Evanston');
    await page.getByRole('textbox', { name: /^Phone/ }).press('Enter');
    const row = page
      .getByRole('table', { name: 'Locations of the clinic' })
      .getByRole('row', { name: /Lakeside Clinic/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('America/Chicago');
    await expectAccessibleAtConsoleWidths(page, 'location added');
    const clinic = await getJson<{ locations: { id: string; name: string; timeZone: string }[] }>(
      context.request,
      '/api/organizations/demo',
    );
    const lakeside = clinic.locations.find((l) => l.name === 'Lakeside Clinic');
    expect(lakeside?.timeZone).toBe('America/Chicago');

    // A provider who works there.
    await openSection(page, 'Providers', 'Providers');
    await page.getByRole('textbox', { name: /^Name as patients see it/ }).fill('Dr. Lena Park');
    await page.getByRole('textbox', { name: /^Credentials/ }).fill('MD');
    await page
      .getByRole('group', { name: /^Works at/ })
      .getByText('Lakeside Clinic')
      .click();
    await page.getByRole('button', { name: 'Add the provider' }).press('Enter');
    const provider = page
      .getByRole('table', { name: 'Providers of the clinic' })
      .getByRole('row', { name: /Dr\. Lena Park/ });
    await provider.waitFor();
    expect(await provider.textContent()).toContain('Lakeside Clinic');
    await expectAccessibleAtConsoleWidths(page, 'provider added');

    // A room at the new location.
    await openSection(page, 'Rooms and equipment', 'Rooms and equipment');
    await page.getByRole('button', { name: /Location/ }).click();
    await page.getByRole('option', { name: 'Lakeside Clinic' }).click();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Exam 3');
    await page.getByRole('textbox', { name: /^Kind/ }).press('Enter');
    const room = page
      .getByRole('table', { name: 'Rooms and equipment by location' })
      .getByRole('row', { name: /Exam 3/ });
    await room.waitFor();
    expect(await room.textContent()).toContain('Lakeside Clinic');
    await expectAccessibleAtConsoleWidths(page, 'room added');
    const rules = await getJson<{ resources: { name: string; locationId: string }[] }>(
      context.request,
      '/api/organizations/demo/setup-rules',
    );
    expect(rules.resources).toContainEqual(
      expect.objectContaining({ name: 'Exam 3', locationId: lakeside!.id }),
    );
    await context.close();
  });

  it('sets Saturday hours, then a holiday, a one-day change and time off; the times offered follow each', async () => {
    const { context, page } = await signInAs(demo.manager, '/console/setup/hours');
    await page.getByRole('heading', { level: 1, name: 'Working hours and time off' }).waitFor();
    const zone = 'America/New_York';
    const types = await getJson<{ appointmentTypes: { id: string; name: string }[] }>(
      context.request,
      '/api/organizations/demo/appointment-types',
    );
    const followUp = types.appointmentTypes.find((t) => t.name === 'Follow-up visit')!;
    const providers = await getJson<{ providers: { id: string; displayName: string }[] }>(
      context.request,
      '/api/organizations/demo/providers',
    );
    const okafor = providers.providers.find((p) => p.displayName.includes('Okafor'))!;
    // Three Saturdays to come (not today: the visit type needs two hours' notice).
    const ahead = (13 - localDay(zone, 0).weekday) % 7 || 7;
    const [first, second, third] = [ahead, ahead + 7, ahead + 14].map(
      (d) => localDay(zone, d).date,
    );
    const times = async (date: string) => {
      const query = new URLSearchParams({
        organization: 'demo',
        appointmentTypeId: followUp.id,
        providers: okafor.id,
        from: date,
        to: date,
        zone,
      });
      const res = await context.request.get(`${env.server.url}/api/availability/compact?${query}`);
      expect(res.status()).toBe(200);
      return ((await res.json()) as { days: { times: number }[] }).days[0]?.times ?? 0;
    };
    // Availability answers are cached for a few seconds (HOURGLASS_AVAILABILITY_CACHE_SECONDS).
    const offers = (date: string, n: number) =>
      expect.poll(() => times(date), { timeout: 20_000, interval: 500 }).toBe(n);
    expect(await times(first!)).toBe(0);

    // Weekly hours: Saturday 10:00–14:00, by keyboard from the day list to the button.
    const weekly = page.getByRole('region', { name: 'Weekly hours' });
    await weekly.getByRole('button', { name: /Day of the week/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Saturday', exact: true }).waitFor();
    await page.keyboard.type('Sat');
    await page.keyboard.press('Enter');
    await weekly.getByLabel('Starts at').fill('10:00');
    await weekly.getByLabel('Ends at').fill('14:00');
    await weekly.getByLabel('Ends at').press('Enter');
    await weekly.getByRole('row', { name: /Saturday/ }).waitFor();
    await offers(first!, 12); // 20 minutes, every 20, 10:00–14:00
    await offers(second!, 12);
    await offers(third!, 12);

    // A holiday closes the whole clinic on the first Saturday.
    await openSection(page, 'Holidays', 'Holidays');
    await page.getByLabel('Date').fill(first!);
    await page.getByRole('textbox', { name: /^Name/ }).fill('Founders’ Day');
    await page.getByRole('textbox', { name: /^Name/ }).press('Enter');
    await page
      .getByRole('table', { name: 'Holidays to come' })
      .getByRole('row', { name: /Founders’ Day/ })
      .waitFor();
    await expectAccessibleAtConsoleWidths(page, 'holiday added');
    await offers(first!, 0);

    // A one-day change: the second Saturday only 10:00–11:00.
    await openSection(page, 'Working hours and time off', 'Working hours and time off');
    const change = page.getByRole('region', { name: 'One-day changes' });
    await change.getByLabel('Date').fill(second!);
    await change.getByRole('checkbox', { name: 'Closed all day' }).press('Space'); // other hours
    await change.getByLabel('Starts at').fill('10:00');
    await change.getByLabel('Ends at').fill('11:00');
    await change.getByRole('button', { name: 'Add this change' }).press('Enter');
    await change.getByRole('row', { name: /10:00–11:00/ }).waitFor();
    await offers(second!, 3);

    // Time off covering the third Saturday, entered in the location's zone.
    const off = page.getByRole('region', { name: 'Time off' });
    await off.getByLabel('Starts').fill(`${third}T08:00`);
    await off.getByLabel('Ends').fill(`${third}T18:00`);
    await off.getByRole('button', { name: 'Add this time off' }).press('Enter');
    await off
      .getByRole('row')
      .nth(1)
      .getByRole('button', { name: /^Remove/ })
      .waitFor();
    await expectAccessibleAtConsoleWidths(page, 'hours, change and time off added');
    await offers(third!, 0);
    await offers(second!, 3);
    await context.close();
  });

  it('changes the check-in window, kept after a reload and given by the API', async () => {
    const { context, page } = await signInAs(demo.manager, '/console/setup/visit-policy');
    await page.getByRole('heading', { level: 1, name: 'Check-in and video windows' }).waitFor();
    await expectAccessibleAtConsoleWidths(page, 'visit policy');
    const opens = page.getByRole('textbox', { name: /^Check-in opens/ });
    await opens.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await page.getByText(/^Last changed/).waitFor();
    await page.reload();
    await expect.poll(() => opens.inputValue()).toBe('45');
    const policy = await getJson<{ checkInOpensMinutesBefore: number }>(
      context.request,
      '/api/admin/visit-policy',
    );
    expect(policy.checkInOpensMinutesBefore).toBe(45);
    await context.close();
  });
});
