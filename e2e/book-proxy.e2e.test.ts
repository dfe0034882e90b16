import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import { accessibleAt390And1280, postAs } from './book-helpers.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';

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

    type Listed = { appointments: { id: string; status: string; patientId: string }[] };
    const childVisits = async () =>
      (await (
        await page.request.get(`${env.server.url}/api/me/appointments?patientId=${child}`)
      ).json()) as Listed;
    // The demo clinic's seeded week already has visits of the child's with Dr. Reyes.
    const before = new Set((await childVisits()).appointments.map((a) => a.id));

    const leaks = recordLeaks(context);
    await page.goto(env.server.url);
    await page.getByRole('link', { name: 'Book a visit' }).click();
    await page.getByRole('heading', { level: 2, name: 'Who is this visit for?' }).waitFor();
    await accessibleAt390And1280(page, 'book: who is this visit for');
    await page.getByRole('button', { name: /Lindqvist/ }).click();
    await page.getByRole('heading', { level: 2, name: 'What do you need?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
    await page.getByRole('button', { name: /check-in on my care plan/ }).click();
    await page.getByRole('button', { name: 'In person' }).click();
    await page.getByRole('button', { name: /^Book \d/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
    await page.locator('.summary').getByText('Demo Patient-Lindqvist').waitFor();
    await accessibleAt390And1280(page, 'book: review for a dependant');
    await page.getByRole('button', { name: 'Confirm the booking' }).click();
    await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();

    // The new visit is the child's, listed for the guardian; the guardian's own list has none.
    const theirs = await childVisits();
    expect(
      theirs.appointments.filter((a) => !before.has(a.id)).map((a) => [a.status, a.patientId]),
    ).toEqual([['booked', child]]);
    const own = (await (
      await page.request.get(`${env.server.url}/api/me/appointments`)
    ).json()) as {
      appointments: unknown[];
    };
    expect(own.appointments).toEqual([]);

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
