import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { aTimeDaysOut, accessibleAt390And1280, guideToCheckIn, postAs } from './book-helpers.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';
import { moveToAnotherTime } from './visits.ts';

const env = useServerAndBrowser();

describe('booking for a dependant', () => {
  it('a guardian books for the child their consent covers, and reaches no one else', async () => {
    // The front desk records the demo patient's account as the guardian of a minor (DEMO-0003).
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, env.server.url, demo.front_desk);
    const deskPage = await desk.newPage();
    const found = await postAs(deskPage, env.server.url, '/api/patients/lookup', {
      mrn: 'DEMO-0003',
    });
    const child = (found.body as { patients: { id: string }[] }).patients[0]!.id;

    const context = await env.browser.newContext({ ...desktop, reducedMotion: 'reduce' });
    await signInByApi(context.request, env.server.url, { ...demo.patient, totpSecret: null });
    const page = await context.newPage();
    const me = (await (await page.request.get(`${env.server.url}/api/auth/session`)).json()) as {
      account: { id: string; patientId: string };
    };
    const granted = await postAs(deskPage, env.server.url, `/api/patients/${child}/guardians`, {
      guardianAccountId: me.account.id,
      scope: 'scheduling',
      reason: 'Parent of the child, seen at the front desk with ID',
    });
    expect(granted.status).toBe(201);

    type Visit = {
      id: string;
      status: string;
      patientId: string;
      start: string;
      location: { timeZone: string };
    };
    const visitsOf = async (patientId: string) =>
      (
        (await (
          await context.request.get(
            `${env.server.url}/api/me/appointments?when=upcoming&limit=50&patientId=${patientId}`,
          )
        ).json()) as { appointments: Visit[] }
      ).appointments;
    // The demo week may already hold visits of the child's.
    const earlier = new Set((await visitsOf(child)).map((a) => a.id));
    const leaks = recordLeaks(context);
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Who is this visit for?' }).waitFor();
    await accessibleAt390And1280(page, 'book: who is this visit for');
    await page.getByRole('button', { name: /Lindqvist/ }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need?' }).waitFor();
    await guideToCheckIn(page);
    // A few days out, before the cut-off: the guardian may still change it online.
    await (await aTimeDaysOut(page)).click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.locator('.summary').getByText('Demo Patient-Lindqvist').waitFor();
    await accessibleAt390And1280(page, 'book: review for a dependant');
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();

    // The visit is the child's, listed for the guardian; the guardian's own list has none.
    const added = (await visitsOf(child)).filter((a) => !earlier.has(a.id));
    expect(added.map((a) => [a.status, a.patientId])).toEqual([['booked', child]]);
    const booked = added[0]!;
    const own = (await (
      await page.request.get(`${env.server.url}/api/me/appointments`)
    ).json()) as {
      appointments: unknown[];
    };
    expect(own.appointments).toEqual([]);

    // My appointments: the child's visits, one choice away; the guardian moves the visit.
    await page.goto(`${env.server.url}/appointments`);
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const upcoming = page.getByRole('region', { name: 'Upcoming' });
    await upcoming.getByText('You have no upcoming visits.').waitFor();
    await page
      .getByRole('radiogroup', { name: 'Whose visits' })
      .getByText(/Lindqvist/)
      .click();
    const day = new Intl.DateTimeFormat('en-US', {
      timeZone: booked.location.timeZone,
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    }).format(new Date(booked.start));
    const time = new Intl.DateTimeFormat('en-US', {
      timeZone: booked.location.timeZone,
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(booked.start));
    const card = upcoming.getByRole('article', { name: `${day} at ${time}`, exact: true });
    await expect.poll(() => card.count()).toBe(1);
    await accessibleAt390And1280(page, "my appointments: a dependant's visits");
    const chosenLabel = await moveToAnotherTime(page, card);
    expect(await page.getByRole('status').textContent()).toContain(chosenLabel);
    // The visit at its new time, still the child's; the old time is gone from their list.
    const after = (await visitsOf(child)).filter((a) => !earlier.has(a.id));
    expect(after.map((a) => [a.status, a.patientId])).toEqual([['booked', child]]);
    expect(after[0]!.start).not.toBe(booked.start);

    // The clinic's admin gives the follow-up visit an intake form: booking for the child, the
    // guardian now fills it in, as for themself.
    const admin = await env.browser.newContext();
    await signInByApi(admin.request, env.server.url, demo.admin);
    const { appointmentTypes } = (await (
      await admin.request.get(`${env.server.url}/api/organizations/demo/appointment-types`)
    ).json()) as { appointmentTypes: { id: string; name: string }[] };
    const followUp = appointmentTypes.find((t) => t.name === 'Follow-up visit')!;
    const form = await admin.request.post(`${env.server.url}/api/intake/forms/${followUp.id}`, {
      headers: { origin: env.server.url },
      data: {
        title: 'Follow-up visit',
        questions: [
          {
            id: 'about',
            type: 'choice',
            label: 'What is the visit about?',
            whyWeAsk: 'So the clinician can prepare.',
            required: true,
            options: [
              { value: 'plan', label: 'The care plan' },
              { value: 'other', label: 'Something else' },
            ],
          },
        ],
      },
    });
    expect(form.status()).toBe(201);
    await admin.close();
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('button', { name: /Lindqvist/ }).click();
    await guideToCheckIn(page);
    await (await aTimeDaysOut(page)).click();
    await page.getByRole('heading', { level: 2, name: 'Before your visit' }).waitFor();
    await accessibleAt390And1280(page, 'book: intake for a dependant');
    await page.getByRole('radio', { name: 'The care plan' }).check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.locator('.summary').getByText('Demo Patient-Lindqvist').waitFor();
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();

    // Someone the consent does not cover looks like no one: the same 404 as a made-up id.
    const other = (
      (await postAs(deskPage, env.server.url, '/api/patients/lookup', { mrn: 'DEMO-0002' }))
        .body as { patients: { id: string }[] }
    ).patients[0]!.id;
    for (const id of [other, crypto.randomUUID()]) {
      const res = await page.request.get(`${env.server.url}/api/me/appointments?patientId=${id}`);
      expect(res.status()).toBe(404);
    }
    expect(await leaks.leaks(page, ['Lindqvist', '2015-06-30', 'demo.lindqvist'])).toEqual([]);
    await context.close();
    await desk.close();
  });
});
