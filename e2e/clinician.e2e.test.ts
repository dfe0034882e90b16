import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demo, signInByApi } from './accounts.ts';
import {
  clinicDay,
  expectAccessibleConsole,
  signInAtClinic,
  signInByApiAtClinic,
} from './clinic-day.ts';
import { deskBooksForDemoPatient } from './book-by-api.ts';
import { gridCell } from './desk-support.ts';
import { useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';

const day = clinicDay();
const env = useServerAndBrowser({ env: day.env });

/** The demo patient answers the new-patient form through the API. */
async function demoPatientAnswersIntake() {
  const context = await env.browser.newContext();
  const url = env.server.url;
  await signInByApi(context.request, url, { ...demo.patient, totpSecret: null });
  const { account } = (await (await context.request.get(`${url}/api/auth/session`)).json()) as {
    account: { organizationId: string; patientId: string };
  };
  const form = (await (
    await context.request.get(
      `${url}/api/organizations/${account.organizationId}/intake-forms/new-patient`,
    )
  ).json()) as { id: string };
  const res = await context.request.post(
    `${url}/api/patients/${account.patientId}/intake/${form.id}/submissions`,
    {
      headers: { origin: url },
      data: {
        answers: { reason: 'injury', allergies: true, insured: false, anything_else: 'Left knee' },
      },
    },
  );
  expect(res.status()).toBe(201);
  await context.close();
}

async function findPatient(page: Page, family: string, dob: string) {
  await page.getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
  await page.getByRole('textbox', { name: 'Family name' }).fill(family);
  await page.getByRole('group', { name: 'Date of birth' }).getByRole('spinbutton').first().click();
  await page.keyboard.type(dob);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^Open .*${family}`) }).click();
}

describe('a clinician', () => {
  it('works their own day, reads their patient’s intake, and needs break glass for another', async () => {
    // The demo patient becomes Dr. Okafor's patient with a visit booked, and answers intake.
    await deskBooksForDemoPatient(env.browser, env.server.url, {
      daysAhead: 14,
      provider: 'Okafor',
      signIn: (request, account) => signInByApiAtClinic(request, env.server.url, day, account),
    });
    await demoPatientAnswersIntake();
    const context = await day.context(
      await env.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    const leaks = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${env.server.url}/console/schedule`);
    await signInAtClinic(page, day, demo.clinician);

    // My day: one column, mine.
    await page.getByRole('heading', { level: 1, name: 'My schedule' }).waitFor();
    await page.getByRole('grid').waitFor();
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Dr. Amara Okafor']);
    await expectAccessibleConsole(page, 'clinician: my day');

    // The visit starting now: arrived, then seen.
    await (await gridCell(page, '10:20 AM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Checked in.').waitFor();
    await (await gridCell(page, '10:20 AM', 'Dr. Amara Okafor')).getByText(/Checked in/).waitFor();
    await (await gridCell(page, '10:20 AM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Mark complete' }).click();
    await page.getByText('Marked complete.').waitFor();
    // The 9:40 patient did not come.
    await (await gridCell(page, '9:40 AM', 'Dr. Amara Okafor')).click();
    await page.getByRole('button', { name: 'Mark no-show' }).click();
    await page.getByText('Marked as a no-show.').waitFor();

    // My week: the same grid, a column a day.
    await page.getByRole('button', { name: /View$/ }).click();
    await page.getByRole('option', { name: 'Week' }).click();
    await page.getByRole('columnheader').nth(6).waitFor();
    expect(await page.getByRole('columnheader').count()).toBe(7);
    await expectAccessibleConsole(page, 'clinician: my week');

    // My patient: their intake answers, labelled by the form's questions.
    await findPatient(page, 'Patient-Alvarez', '04121986');
    await page.getByRole('heading', { level: 2, name: 'Intake answers' }).waitFor();
    await page.getByText('What is the visit for?').waitFor();
    await page.getByText('Injury', { exact: true }).waitFor();
    await page.getByText('Left knee').waitFor();
    await expectAccessibleConsole(page, 'clinician: own patient with intake');

    // Another clinician's patient: closed, with break glass offered.
    await findPatient(page, 'Patient-Lindqvist', '06302015');
    await page.getByText('This is not your patient').waitFor();
    expect(await page.getByText('What is the visit for?').count()).toBe(0);
    await page.getByText('shown only to their clinicians').waitFor();
    await expectAccessibleConsole(page, 'clinician: another clinician’s patient');
    await page.getByRole('button', { name: 'Emergency access (break glass)' }).click();
    const glass = page.getByRole('dialog', { name: 'Open this record in an emergency' });
    await glass.waitFor();
    await expectAccessibleConsole(page, 'clinician: break glass dialog');
    await glass.getByRole('button', { name: /Reason$/ }).click();
    await page.getByRole('option', { name: 'Covering for the patient’s clinician' }).click();
    await glass.getByRole('button', { name: 'Open the record' }).click();
    // A step-up within five minutes (the sign-in) lets it through; otherwise the dialog asks.
    const stepUp = page.getByRole('dialog', { name: 'Confirm it is you' });
    const banner = page.getByText(/^Emergency access is open until/);
    await Promise.race([stepUp.waitFor(), banner.waitFor()]);
    if (await stepUp.isVisible()) {
      await stepUp.getByLabel('Password', { exact: true }).fill(demo.clinician.password);
      await stepUp.getByRole('button', { name: 'Confirm' }).click();
    }
    await banner.waitFor();
    // While it lasts: clearly marked, and the record is open.
    await page.getByRole('heading', { level: 2, name: 'Intake answers' }).waitFor();
    await page.getByText('No intake answers yet.').waitFor();
    expect(await page.getByText('This is not your patient').count()).toBe(0);
    await expectAccessibleConsole(page, 'clinician: break glass open');

    expect(
      await leaks.leaks(page, ['Alvarez', 'Lindqvist', '1986-04-12', '2015-06-30', 'Left knee']),
    ).toEqual([]);
    await context.close();
  });
});
