import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { accessibleAt390And1280, guideToCheckIn, postAs } from './book-helpers.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { localDate, visitsApi } from './visits.ts';

const env = useServerAndBrowser();
const zone = 'America/New_York';
const clock = new Intl.DateTimeFormat('en-US', {
  timeZone: zone,
  hour: 'numeric',
  minute: '2-digit',
});

describe('times that change while the patient looks at them', () => {
  it('a shown time someone else takes is announced, and one taken a moment before the press offers the nearest times', async () => {
    const url = env.server.url;
    // The front desk holds times for another patient: "someone else".
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, url, demo.front_desk);
    const deskPage = await desk.newPage();
    const found = await postAs(deskPage, url, '/api/patients/lookup', { mrn: 'DEMO-0002' });
    const other = (found.body as { patients: { id: string }[] }).patients[0]!.id;
    const deskApi = visitsApi(desk.request, url);

    const context = await env.browser.newContext({
      ...desktop,
      timezoneId: zone,
      reducedMotion: 'reduce',
    });
    await signInByApi(context.request, url, { ...demo.patient, totpSecret: null });
    const c = await visitsApi(context.request, url).clinic();
    const boston = c.location(zone);
    const okafor = c.provider('Okafor');
    const page = await context.newPage();
    await page.goto(`${url}/book`);
    await guideToCheckIn(page);
    await page.getByRole('heading', { level: 2, name: 'Where and with whom' }).waitFor();
    await page.getByRole('radio', { name: new RegExp(boston.name) }).check({ force: true });
    await page.getByRole('radio', { name: /Okafor/ }).check({ force: true });
    await page.getByRole('button', { name: 'See all times' }).click();
    await page.getByRole('heading', { level: 2, name: 'When' }).waitFor();

    // The third day with times, as the page shows it and as the API answers it.
    const open = await deskApi.openTimes({
      appointmentTypeId: c.type('Follow-up visit').id,
      providerId: okafor.id,
      locationId: boston.id,
      modality: 'in_person',
      from: localDate(zone),
      to: localDate(zone, 13),
      zone,
    });
    const days = [...new Set(open.map((t) => localDate(zone, 0, t)))];
    const day = open.filter((t) => localDate(zone, 0, t) === days[2]);
    await page
      .getByRole('list', { name: /^Days with open times/ })
      .getByRole('button')
      .nth(2)
      .click();
    const times = page.getByRole('list', { name: /^Times on / }).getByRole('button');
    await expect.poll(() => times.allInnerTexts()).toEqual(day.map((t) => clock.format(t)));

    const holdFor = (start: number) =>
      deskApi.hold({
        organizationId: c.organizationId,
        patientId: other,
        appointmentTypeId: c.type('Follow-up visit').id,
        providerId: okafor.id,
        locationId: boston.id,
        modality: 'in_person',
        start,
      });

    // Someone else takes the second time shown: the next poll says so in the live region, and
    // the day's list keeps the nearest times without it.
    await holdFor(day[1]!);
    await page
      .getByRole('status')
      .filter({ hasText: 'Times updated: 1 time is no longer available.' })
      .waitFor({ state: 'attached', timeout: 45_000 });
    await expect
      .poll(() => times.allInnerTexts())
      .toEqual(day.filter((_, i) => i !== 1).map((t) => clock.format(t)));
    await accessibleAt390And1280(page, 'book: when, a time taken meanwhile');

    // The first time goes a moment before the patient presses it (before the next poll): the
    // page says so and offers the nearest open times, one press from a hold.
    await holdFor(day[0]!);
    await times.first().click();
    await page
      .getByRole('heading', { level: 2, name: 'Someone else just took that time' })
      .waitFor();
    const nearest = page.getByRole('list', { name: 'The nearest open times' }).getByRole('button');
    await nearest.first().waitFor();
    const offered = await nearest.allInnerTexts();
    expect(offered.length).toBeGreaterThan(0);
    // Dr. Okafor's nearest times come first; a colleague's may complete the list.
    const withOkafor = offered.filter((o) => o.includes('Okafor'));
    expect(withOkafor.some((o) => o.includes(clock.format(day[0]!)))).toBe(false);
    expect(withOkafor.some((o) => o.includes(clock.format(day[2]!)))).toBe(true);
    await accessibleAt390And1280(page, 'book: the time was taken');
    await nearest
      .filter({ hasText: clock.format(day[2]!) })
      .filter({ hasText: 'Okafor' })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await context.close();
    await desk.close();
  }, 120_000);
});
