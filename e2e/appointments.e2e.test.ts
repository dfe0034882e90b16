import { describe, expect, it } from 'vitest';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, phone, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi, localDate, moveToAnotherTime, visitsApi } from './visits.ts';

const videoTemplate = 'https://video.example.org/join/{room}';
const env = useServerAndBrowser({ env: { HOURGLASS_VIDEO_URL_TEMPLATE: videoTemplate } });
const patient = { ...demo.patient, totpSecret: null };

describe('My appointments', () => {
  it('the patient sees the next visit on the landing page, confirms it, moves it (the old time opens again) and cancels it with a reason', async () => {
    const url = env.server.url;
    const api = await env.browser.newContext();
    await signInByApi(api.request, url, patient);
    const visits = visitsApi(api.request, url);
    const c = await visits.clinic();
    const boston = c.location('America/New_York');
    const query = {
      appointmentTypeId: c.type('Follow-up visit').id,
      providerId: c.provider('Okafor').id,
      locationId: boston.id,
      modality: 'in_person' as const,
      zone: boston.timeZone,
    };
    // Days out, well before the 24-hour cut-off: every change is open online.
    const times = await visits.openTimes({
      ...query,
      from: localDate(boston.timeZone, 3),
      to: localDate(boston.timeZone, 10),
    });
    const first = times[0]!;
    const id = await visits.hold({
      ...query,
      organizationId: c.organizationId,
      patientId: c.patientId,
      start: first,
    });
    await api.close();

    const context = await env.browser.newContext(phone);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await signInOnPage(page, patient);
    const next = page.getByRole('region', { name: 'Your next visit' });
    await next.waitFor();
    const firstDay = new Intl.DateTimeFormat('en-US', {
      timeZone: boston.timeZone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }).format(first);
    await next.getByText(firstDay).waitFor();
    await expect.poll(() => next.textContent()).toContain('Dr. Amara Okafor');
    // Above "Book a visit".
    const nextBox = (await next.boundingBox())!;
    const bookBox = (await page.getByRole('link', { name: 'Book a visit' }).boundingBox())!;
    expect(nextBox.y).toBeLessThan(bookBox.y);
    await expectAccessibleAtBothWidths(page, 'landing with the next visit');

    await next.getByRole('link', { name: 'Manage my appointments' }).click();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    const card = upcoming.getByRole('article').filter({ hasText: firstDay });
    await card.getByText('Not confirmed yet').waitFor();
    await expectAccessibleAtBothWidths(page, 'my appointments, a hold to confirm');

    // Confirm.
    await card.getByRole('button', { name: 'Confirm visit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm this visit?' });
    await dialog.waitFor();
    await expectAccessibleAtBothWidths(page, 'confirm dialog');
    await dialog.getByRole('button', { name: 'Confirm visit' }).click();
    await page
      .getByRole('status')
      .getByText(/is confirmed/)
      .waitFor();
    await card.getByText('Booked', { exact: true }).waitFor();
    await expectAccessibleAtBothWidths(page, 'my appointments, confirmed');

    // The calendar file: a download of the appointment's .ics, nothing about the patient in it.
    const calendarLink = card.getByRole('link', { name: 'Add to calendar' });
    expect(await calendarLink.getAttribute('href')).toBe(`/api/appointments/${id}/calendar.ics`);
    const [download] = await Promise.all([page.waitForEvent('download'), calendarLink.click()]);
    const ics = await new Response(
      (await download.createReadStream()) as unknown as ReadableStream,
    ).text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('SUMMARY:Appointment — Riverside Family Health (demo)');

    // Change the time: the dialog offers the same visit's open times in the clinic's zone.
    const oldHeading = await card.getByRole('heading').textContent();
    const chosenLabel = await moveToAnotherTime(page, card, () =>
      expectAccessibleAtBothWidths(page, 'change time dialog'),
    );
    const movedText = (await page.getByRole('status').textContent())!;
    expect(movedText).toContain(chosenLabel);
    await expectAccessibleAtBothWidths(page, 'my appointments, moved');

    // The old time is open again; the new one is the upcoming visit.
    const after = visitsApi(context.request, url);
    const reopened = await after.openTimes({
      ...query,
      from: localDate(boston.timeZone, 3),
      to: localDate(boston.timeZone, 10),
    });
    expect(reopened).toContain(first);
    const moved = upcoming.getByRole('article');
    await expect.poll(() => moved.count()).toBe(1);
    await expect.poll(() => moved.getByRole('heading').textContent()).not.toBe(oldHeading);
    expect(await moved.getByRole('heading').textContent()).toContain(chosenLabel);

    // Cancel with a reason.
    await moved.getByRole('button', { name: 'Cancel visit' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel this visit?' });
    await cancel.getByRole('button', { name: 'Cancel visit' }).click();
    // Nothing is sent without a reason: the choice asks for one.
    await cancel.getByText('Please fill this in.').waitFor();
    await expectAccessibleAtBothWidths(page, 'cancel dialog, no reason chosen');
    await cancel.getByText('I can no longer come').click();
    await cancel.getByRole('button', { name: 'Cancel visit' }).click();
    await page
      .getByRole('status')
      .getByText(/is cancelled/)
      .waitFor();
    await upcoming.getByText('You have no upcoming visits.').waitFor();
    const past = page.getByRole('region', { name: 'Past' });
    await past.getByText('Cancelled', { exact: true }).waitFor();
    await past.getByText('Moved to another time', { exact: true }).waitFor();
    await expectAccessibleAtBothWidths(page, 'my appointments, cancelled');

    await page.setViewportSize(desktop.viewport);
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });

  it('on the day: past the cut-off the clinic’s phone shows instead of cancel, "I’m here" checks in, and the video link opens near the time', async () => {
    const url = env.server.url;
    // The clinic opens a same-day visit type at Phoenix today, so a visit can start within the hour.
    const manager = await env.browser.newContext();
    await signInByApi(manager.request, url, demo.manager);
    const setup = visitsApi(manager.request, url);
    const m = await setup.clinic();
    const phoenix = m.location('America/Phoenix');
    const boston = m.location('America/New_York');
    const reyes = m.provider('Reyes').id;
    const lindqvist = m.provider('Lindqvist').id;
    const created = await manager.request.post(`${url}/api/organizations/demo/appointment-types`, {
      headers: { origin: url },
      data: {
        name: 'Same-day visit',
        durationMinutes: 20,
        slotIntervalMinutes: 5,
        modalities: ['in_person', 'telehealth'],
        scope: [
          { providerId: reyes, locationId: phoenix.id },
          { providerId: lindqvist, locationId: boston.id },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const typeId = ((await created.json()) as { id: string }).id;
    for (const [providerId, place] of [
      [reyes, phoenix],
      [lindqvist, boston],
    ] as const) {
      const override = await manager.request.post(`${url}/api/organizations/demo/date-overrides`, {
        headers: { origin: url },
        data: {
          providerId,
          locationId: place.id,
          date: localDate(place.timeZone),
          startTime: '00:00',
          endTime: '23:55',
        },
      });
      expect(override.status()).toBe(201);
    }
    // The demo week leaves gaps of up to an hour in Dr. Lindqvist's day: video opens an hour early.
    const policy = (await (await manager.request.get(`${url}/api/admin/visit-policy`)).json()) as {
      checkInOpensMinutesBefore: number;
      checkInClosesMinutesAfter: number;
    };
    const policySet = await manager.request.put(`${url}/api/admin/visit-policy`, {
      headers: { origin: url },
      data: {
        checkInOpensMinutesBefore: policy.checkInOpensMinutesBefore,
        checkInClosesMinutesAfter: policy.checkInClosesMinutesAfter,
        videoJoinOpensMinutesBefore: 60,
      },
    });
    expect(policySet.status()).toBe(200);
    await manager.close();

    const api = await env.browser.newContext();
    await signInByApi(api.request, url, patient);
    const visits = visitsApi(api.request, url);
    const c = await visits.clinic();
    const today = localDate(phoenix.timeZone);
    const base = {
      organizationId: c.organizationId,
      patientId: c.patientId,
      appointmentTypeId: typeId,
      locationId: phoenix.id,
    };
    const inPerson = { ...base, providerId: reyes, modality: 'in_person' as const };
    const bostonToday = localDate(boston.timeZone);
    const video = {
      ...base,
      locationId: boston.id,
      providerId: lindqvist,
      modality: 'telehealth' as const,
    };
    const soonTimes = await visits.openTimes({
      ...inPerson,
      from: today,
      to: today,
      zone: phoenix.timeZone,
    });
    expect(soonTimes.length).toBeGreaterThan(0);
    const soon = soonTimes[0]!;
    await visits.confirm(await visits.hold({ ...inPerson, start: soon }));
    const soonVideo = (
      await visits.openTimes({
        ...video,
        from: bostonToday,
        to: bostonToday,
        zone: boston.timeZone,
      })
    )[0]!;
    await visits.confirm(await visits.hold({ ...video, start: soonVideo }));
    await api.close();

    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in?redirect=%2Fappointments`);
    await signInOnPage(page, patient);
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    const visit = upcoming.getByRole('article').filter({ hasText: 'Riverside Desert Clinic' });
    await visit.getByRole('button', { name: 'I’m here' }).waitFor();
    // Inside the 24-hour cut-off: no cancel or change online, the clinic's phone instead.
    await visit.getByRole('link', { name: /^Call / }).waitFor();
    expect(await visit.getByRole('button', { name: 'Cancel visit' }).count()).toBe(0);
    expect(await visit.getByRole('button', { name: 'Change time' }).count()).toBe(0);
    expect(await visit.getByRole('link', { name: /^Call / }).getAttribute('href')).toMatch(
      /^tel:\+?\d+$/,
    );
    const videoVisit = upcoming.getByRole('article').filter({ hasText: 'Video visit' });
    await videoVisit.getByRole('link', { name: 'Join video visit' }).waitFor();
    expect(await videoVisit.getByRole('button', { name: 'I’m here' }).count()).toBe(0);
    expect(
      await videoVisit.getByRole('link', { name: 'Join video visit' }).getAttribute('href'),
    ).toMatch(/^https:\/\/video\.example\.org\/join\/[\w-]{16,}$/);
    await expectAccessibleAtBothWidths(page, 'on the day: check-in, video, call to change');

    await visit.getByRole('button', { name: 'I’m here' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check in now?' });
    await expectAccessibleAtBothWidths(page, 'check-in dialog');
    await dialog.getByRole('button', { name: 'I’m here' }).click();
    await page.getByRole('status').getByText('You are checked in.', { exact: false }).waitFor();
    await visit.getByText('Checked in', { exact: true }).waitFor();
    expect(await visit.getByRole('button', { name: 'I’m here' }).count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'checked in');

    // In Spanish, in place: the same visits, the clinic's words for them.
    await page.getByRole('button', { name: 'Español' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis citas' }).waitFor();
    await page.getByRole('region', { name: 'Próximas' }).waitFor();
    await page.getByText('Registrada a su llegada', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Unirse a la consulta por video' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'my appointments in Spanish');

    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
