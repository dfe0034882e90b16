// The front desk's and the clinician's console pages for `npm run screenshots`, on a second
// server whose clock starts on a clinic day (Wednesday, 10:20 in Boston), so the grid shows a
// working day: at desktop (1280×800) and tablet (768×1024) width, the console's two.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { APIRequestContext } from 'playwright-core';
import { demo } from './accounts.ts';
import { deskBooksForDemoPatient } from './book-by-api.ts';
import { clinicDay, signInByApiAtClinic } from './clinic-day.ts';
import { demoDirectory } from './desk-support.ts';
import { launchBrowser, startServer } from './server.ts';

const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const widths = [
  { width: 768, height: 1024 },
  { width: 1280, height: 800 },
];

async function shoot(page: Page, name: string) {
  for (const viewport of widths) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.screenshot({ path: path.join(out, `${name}-${viewport.width}.png`) });
  }
  console.log(`  ${name}`);
}

/** The demo patient signs in with the code mailed to the development outbox (no vitest here). */
async function patientSignIn(request: APIRequestContext, url: string) {
  const headers = { origin: url };
  const since = new Date(Date.now() - 1000).toISOString();
  await request.post(`${url}/api/auth/sign-in`, {
    headers,
    data: { organization: 'demo', email: demo.patient.email, password: demo.patient.password },
  });
  for (let i = 0; i < 100; i++) {
    const { messages } = (await (await request.get(`${url}/api/dev/outbox`)).json()) as {
      messages: { at: string; to: string; subject: string; text: string }[];
    };
    const mail = messages.find(
      (m) => m.to === demo.patient.email && /sign-in code/.test(m.subject) && m.at > since,
    );
    if (mail) {
      const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
      await request.post(`${url}/api/auth/mfa/verify`, { headers, data: { code } });
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no sign-in code in the outbox');
}

type Account = Parameters<typeof signInByApiAtClinic>[3];

export async function shootClinicDay() {
  const day = clinicDay();
  const server = await startServer({ env: day.env });
  const browser: Browser = await launchBrowser();
  const open = async (account: Account, url: string) => {
    const context = await day.context(
      await browser.newContext({ viewport: widths[1], reducedMotion: 'reduce' }),
    );
    await signInByApiAtClinic(context.request, server.url, day, account);
    const page = await context.newPage();
    await page.goto(server.url + url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    return page;
  };
  try {
    // The demo patient answers the intake form, so the clinician has something to read.
    const patientSide = await browser.newContext();
    await patientSignIn(patientSide.request, server.url);
    const { account } = (await (
      await patientSide.request.get(`${server.url}/api/auth/session`)
    ).json()) as { account: { organizationId: string; patientId: string } };
    const form = (await (
      await patientSide.request.get(
        `${server.url}/api/organizations/${account.organizationId}/intake-forms/new-patient`,
      )
    ).json()) as { id: string };
    const submitted = await patientSide.request.post(
      `${server.url}/api/patients/${account.patientId}/intake/${form.id}/submissions`,
      {
        headers: { origin: server.url },
        data: { answers: { reason: 'illness', days_unwell: 3, allergies: false, insured: false } },
      },
    );
    if (!submitted.ok()) throw new Error(`intake answers refused: ${await submitted.text()}`);
    const d = await demoDirectory(patientSide.request, server.url);
    await patientSide.close();
    // The seed leaves the demo patient no visits: one with Dr. Okafor makes them the demo
    // clinician's patient, whose intake answers the clinician may read.
    await deskBooksForDemoPatient(browser, server.url, {
      daysAhead: 1,
      provider: 'Okafor',
      signIn: (request, account) => signInByApiAtClinic(request, server.url, day, account),
    });

    let page = await open(demo.front_desk, `/console/schedule?location=${d.boston.id}`);
    await page.getByRole('grid').waitFor();
    await page.getByRole('grid').scrollIntoViewIfNeeded();
    await shoot(page, 'console-schedule');
    await page
      .getByRole('row', { name: /^10:20 AM/ })
      .getByRole('gridcell')
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    await shoot(page, 'console-appointment');
    await page.keyboard.press('Escape');
    await page
      .getByRole('row', { name: /^4:20 PM/ })
      .getByRole('gridcell')
      .first()
      .click();
    const booking = page.getByRole('dialog');
    await booking.getByRole('textbox', { name: 'Family name' }).fill('Patient-Nak');
    await booking
      .getByRole('group', { name: 'Date of birth' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type('02141990');
    await booking.getByRole('button', { name: 'Search', exact: true }).click();
    await booking
      .getByRole('button', { name: /^Choose/ })
      .first()
      .waitFor();
    await shoot(page, 'console-booking');
    await page.context().close();

    page = await open(demo.front_desk, '/console/patients');
    await shoot(page, 'console-patients');
    await page.getByRole('button', { name: /Search by$/ }).click();
    await page.getByRole('option', { name: 'Record number (MRN)' }).click();
    await page.getByRole('textbox', { name: 'Record number (MRN)' }).fill('DEMO-0002');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: /^Open/ }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Patient summary' }).waitFor();
    await shoot(page, 'console-patient');
    await page.context().close();

    page = await open(demo.clinician, '/console/schedule?view=week');
    await page.getByRole('grid').waitFor();
    await page.getByRole('grid').scrollIntoViewIfNeeded();
    await shoot(page, 'console-clinician-week');
    await page.goto(`${server.url}/console/patients/${account.patientId}`);
    await page.getByRole('heading', { level: 2, name: 'Intake answers' }).waitFor();
    await page.getByText('For how many days?').waitFor();
    await shoot(page, 'console-clinician-intake');
    await page.getByRole('link', { name: 'Back to the search' }).click();
    await page.getByRole('textbox', { name: 'Family name' }).fill('Patient-Lindqvist');
    await page
      .getByRole('group', { name: 'Date of birth' })
      .getByRole('spinbutton')
      .first()
      .click();
    await page.keyboard.type('06302015');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: /^Open/ }).first().click();
    await page.getByText('This is not your patient').waitFor();
    await shoot(page, 'console-not-your-patient');
    await page.getByRole('button', { name: 'Emergency access (break glass)' }).click();
    await page.getByRole('button', { name: 'Open the record' }).click();
    await page.getByText(/^Emergency access is open until/).waitFor();
    await shoot(page, 'console-break-glass');
    await page.context().close();
  } finally {
    await browser.close();
    await server.stop();
  }
}
