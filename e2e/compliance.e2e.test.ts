import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPatients } from '../server/src/modules/demo/demo.patients.ts';
import { expectAccessible } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { linkIn, waitForMail } from './mail.ts';
import { recordLeaks } from './phi.ts';

const env = useServerAndBrowser();

/** Console pages are checked at desktop and tablet width. */
async function expectAccessibleConsole(page: Page, state: string) {
  const before = page.viewportSize() ?? desktop.viewport;
  for (const viewport of [desktop.viewport, { width: 768, height: 1024 }]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await expectAccessible(page, state);
  }
  await page.setViewportSize(before);
}

const alvarez = demoPatients[0]!;
const needles = [
  alvarez.legalName.family,
  alvarez.dateOfBirth,
  alvarez.email!,
  alvarez.phone!,
  alvarez.mrn!,
];

/** The front desk, through the API: finds Ms Alvarez and opens her record. */
async function frontDeskViews(
  request: APIRequestContext,
): Promise<{ deskId: string; patientId: string }> {
  const url = env.server.url;
  await signInByApi(request, url, demo.front_desk);
  const headers = { origin: url };
  const session = await (await request.get(`${url}/api/auth/session`)).json();
  const found = await request.post(`${url}/api/patients/search`, {
    headers,
    data: { familyName: alvarez.legalName.family, dateOfBirth: alvarez.dateOfBirth },
  });
  expect(found.status()).toBe(200);
  const patientId = (await found.json()).results[0].patient.id as string;
  expect((await request.get(`${url}/api/patients/${patientId}`)).status()).toBe(200);
  return { deskId: session.account.id as string, patientId };
}

async function signInOfficer(page: Page) {
  await page.goto(`${env.server.url}/sign-in?redirect=/console/audit`);
  await signInOnPage(page, demo.compliance_officer);
  await page.getByRole('heading', { level: 1, name: 'Audit and compliance' }).waitFor();
}

describe("the compliance officer's desk", () => {
  it('finds who viewed a patient, by the identifiers of the request, and exports it', async () => {
    const desk = await env.browser.newContext();
    const { deskId, patientId } = await frontDeskViews(desk.request);
    await desk.close();

    const context = await env.browser.newContext({ ...desktop, acceptDownloads: true });
    const leaks = recordLeaks(context);
    const page = await context.newPage();
    await signInOfficer(page);
    expect(
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link').allTextContents(),
    ).toEqual(['Overview', 'Audit and compliance']);
    await expectAccessibleConsole(page, 'audit home');

    await page.getByRole('link', { name: 'Accounting of disclosures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounting of disclosures' }).waitFor();
    await expectAccessibleConsole(page, 'disclosures, empty');
    // Nothing typed: the form says what it needs, and nothing is sent.
    await page.getByRole('button', { name: 'Find the record' }).click();
    await page.getByText('Please fill this in.').first().waitFor();
    await expectAccessibleConsole(page, 'disclosures, missing fields');

    await page.getByLabel('Family name').fill(alvarez.legalName.family);
    const [year, month, day] = alvarez.dateOfBirth.split('-');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByRole('spinbutton', { name: /month/ }).pressSequentially(month!);
    await dob.getByRole('spinbutton', { name: /day/ }).pressSequentially(day!);
    await dob.getByRole('spinbutton', { name: /year/ }).pressSequentially(year!);
    await page.getByRole('button', { name: 'Find the record' }).click();
    const match = page.getByRole('article').filter({ hasText: 'Exact match' });
    await match.waitFor();
    // Which record and how it matched; the name typed is not shown back.
    await match.getByText(`Record ${patientId}`).waitFor();
    expect(await page.getByRole('main').textContent()).not.toContain(alvarez.dateOfBirth);
    await expectAccessibleConsole(page, 'disclosures, a match');

    await match.getByRole('link', { name: /^Accounting for record/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Accounting for one record' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/audit/disclosures/${patientId}`);
    const rows = page.getByRole('region', { name: /Accesses to the record/ }).getByRole('row');
    const deskRow = rows.filter({ hasText: `Front desk, account ${deskId}` });
    await deskRow.filter({ hasText: 'patient.read' }).first().waitFor();
    await expectAccessibleConsole(page, 'accounting of disclosures');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download every event about this record/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-events.csv');
    const saved = path.join(mkdtempSync(path.join(tmpdir(), 'hourglass-export-')), 'export.csv');
    await download.saveAs(saved);
    const csv = await readFile(saved, 'utf8');
    const readLine = csv
      .split('\n')
      .find((l) => l.includes(deskId) && l.includes('"patient.read"'));
    expect(readLine).toContain(patientId);
    expect(readLine).toContain('"front_desk"');
    for (const needle of needles) expect(csv).not.toContain(needle);

    // The same record in the audit search, reached by its opaque id.
    await page.getByRole('link', { name: 'Open in the audit search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Search the audit trail' }).waitFor();
    await expect.poll(() => page.getByLabel('Patient id').inputValue()).toBe(patientId);
    await page
      .getByRole('region', { name: /Audit events/ })
      .getByRole('row')
      .filter({ hasText: `Front desk, account ${deskId}` })
      .first()
      .waitFor();
    await expectAccessibleConsole(page, 'audit search');

    expect(await leaks.leaks(page, needles)).toEqual([]);
    // The export was itself audited, naming the patient.
    await page.getByLabel('Action').fill('audit.export');
    await page.getByLabel('Patient id').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByRole('region', { name: /Audit events/ })
      .getByRole('row')
      .filter({ hasText: 'audit.export' })
      .first()
      .waitFor();
    await context.close();
  });

  it('opens an alert from its email link, with the events behind it', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await signInOfficer(page);

    // The officer asks to be emailed about repeated refusals.
    await page.getByRole('link', { name: 'Alert rules' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert rules' }).waitFor();
    await expectAccessibleConsole(page, 'alert rules');
    const rule = page.getByRole('article', { name: 'Repeated refusals' });
    await rule.getByText('5 refusals of one account or address within 15 minutes').waitFor();
    await rule.getByText('Email the compliance officers').click();
    await page.getByRole('status').getByText('“Repeated refusals” saved.').waitFor();
    await expectAccessibleConsole(page, 'alert rules, saved');

    // A front desk account tries the audit log five times and is refused each time.
    const desk = await env.browser.newContext();
    await signInByApi(desk.request, env.server.url, demo.front_desk);
    const since = new Date().toISOString();
    for (let i = 0; i < 5; i++) {
      expect((await desk.request.get(`${env.server.url}/api/audit/events`)).status()).toBe(403);
    }
    await desk.close();

    const mail = await waitForMail(env.server.url, demo.compliance_officer.email, /audit alert/, {
      after: since,
      timeout: 45_000,
    });
    const link = linkIn(mail, '/audit/alerts/');
    await page.goto(env.server.url + link);
    await page.getByRole('heading', { level: 1, name: 'Repeated refusals' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console${link}`);
    const events = page.getByRole('region', { name: /Audit events/ }).getByRole('row');
    await expect.poll(() => events.filter({ hasText: 'Refused' }).count()).toBe(5);
    await expectAccessibleConsole(page, 'alert');

    await page.getByRole('link', { name: 'All alerts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await page
      .getByRole('link', { name: /^Open alert: Repeated refusals/ })
      .first()
      .waitFor();
    await expectAccessibleConsole(page, 'alerts');

    // A mistyped link: said plainly, nothing else shown.
    await page.goto(`${env.server.url}/audit/alerts/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('alert').getByText('There is no such alert').waitFor();
    await expectAccessibleConsole(page, 'alert, not found');
    await context.close();
  });

  it('sees the state of audit verification and starts a run', async () => {
    const context = await env.browser.newContext(desktop);
    const page = await context.newPage();
    await signInOfficer(page);
    await page.getByRole('link', { name: 'Audit verification' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit verification' }).waitFor();
    await page.getByText('The trail has not been verified yet.').waitFor();
    await expectAccessibleConsole(page, 'verification, never run');

    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText('The audit trail verified: nothing was changed.').waitFor({
      timeout: 30_000,
    });
    const facts = page.getByRole('region', { name: 'Last verification' });
    await facts.getByText(/^Account /).waitFor();
    await expectAccessibleConsole(page, 'verification, verified');

    // Someone who is not a compliance officer is told so, and the API refuses them anyway.
    const desk = await env.browser.newContext(desktop);
    const deskPage = await desk.newPage();
    await deskPage.goto(`${env.server.url}/sign-in?redirect=/console/audit/verification`);
    await signInOnPage(deskPage, demo.front_desk);
    await deskPage.getByText('This area is not part of your role.').waitFor();
    await expectAccessibleConsole(deskPage, 'verification, not a compliance officer');
    await desk.close();
    await context.close();
  });
});
