// `npm run screenshots`: every page of the web app, from the demo clinic, at phone (390×844)
// and desktop (1280×800) width, into docs/screenshots/<page>-<width>.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../server/src/modules/identity/identity.totp.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { shootClinicDay } from './screenshots-desk.ts';
import { launchBrowser, startServer } from './server.ts';
import { localDate, visitsApi } from './visits.ts';

const out = path.resolve(import.meta.dirname, '../docs/screenshots');
const widths = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];
const fakeToken = 'x'.repeat(43);

async function shoot(page: Page, name: string) {
  for (const viewport of widths) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.screenshot({
      path: path.join(out, `${name}-${viewport.width}.png`),
      fullPage: true,
    });
  }
  console.log(`  ${name}`);
}

type Account = Parameters<typeof signInByApi>[2];
type State = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new Map<string, State>();

/** A session cookie per account, signed in once (a TOTP code is good once per 30 s). */
async function sessionOf(browser: Browser, account: Account): Promise<State> {
  let state = sessions.get(account.email);
  if (!state) {
    const context = await browser.newContext();
    await signInByApi(context.request, server.url, account);
    state = await context.storageState();
    await context.close();
    sessions.set(account.email, state);
  }
  return state;
}

/** A page of a fresh context, optionally signed in as a demo account. */
async function open(browser: Browser, url: string, account?: Account) {
  const context = await browser.newContext({
    viewport: widths[0],
    reducedMotion: 'reduce',
    ...(account ? { storageState: await sessionOf(browser, account) } : {}),
  });
  const page = await context.newPage();
  await page.goto(server.url + url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/**
 * The compliance officer's desk with something in it: a front desk reads a demo patient and is
 * refused the audit log five times (an alert); the officer finds the patient's record, reads its
 * accounting, opens the alert, and runs a verification.
 */
async function complianceDesk(browser: Browser) {
  const desk = await browser.newContext({
    storageState: await sessionOf(browser, demo.front_desk),
  });
  const headers = { origin: server.url };
  const found = await desk.request.post(`${server.url}/api/patients/search`, {
    headers,
    data: { familyName: 'Patient-Alvarez', dateOfBirth: '1986-04-12' },
  });
  const patientId = ((await found.json()) as { results: { patient: { id: string } }[] }).results[0]!
    .patient.id;
  await desk.request.get(`${server.url}/api/patients/${patientId}`);
  for (let i = 0; i < 5; i++) await desk.request.get(`${server.url}/api/audit/events`);
  await desk.close();

  let page = await open(browser, '/console/audit/disclosures', demo.compliance_officer);
  await page.getByLabel('Family name').fill('Patient-Alvarez');
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByRole('spinbutton', { name: /month/ }).pressSequentially('04');
  await dob.getByRole('spinbutton', { name: /day/ }).pressSequentially('12');
  await dob.getByRole('spinbutton', { name: /year/ }).pressSequentially('1986');
  await page.getByRole('button', { name: 'Find the record' }).click();
  await page.getByRole('article').filter({ hasText: 'Exact match' }).waitFor();
  await shoot(page, 'console-audit-disclosures');
  await page.getByRole('link', { name: /^Accounting for record/ }).click();
  await page.getByRole('region', { name: /Accesses to the record/ }).waitFor();
  await shoot(page, 'console-audit-disclosure');
  await page.context().close();

  // The alert appears once the refusals are sealed (every few seconds) and the rules have run.
  page = await open(browser, '/console/audit/alerts', demo.compliance_officer);
  for (let i = 0; i < 60; i++) {
    if (await page.getByRole('link', { name: /^Open alert/ }).count()) break;
    await new Promise((r) => setTimeout(r, 1000));
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  await shoot(page, 'console-audit-alerts');
  await page
    .getByRole('link', { name: /^Open alert/ })
    .first()
    .click();
  await page.getByRole('region', { name: /Audit events/ }).waitFor();
  await shoot(page, 'console-alert');
  await page.context().close();

  page = await open(browser, '/console/audit/verification', demo.compliance_officer);
  await page.getByRole('button', { name: 'Verify now' }).click();
  await page
    .getByText('The audit trail verified: nothing was changed.')
    .waitFor({ timeout: 60_000 });
  await shoot(page, 'console-audit-verified');
  await page.context().close();
}

async function latestMail(to: string, subject: RegExp) {
  for (let i = 0; i < 100; i++) {
    const { messages } = (await (await fetch(`${server.url}/api/dev/outbox`)).json()) as {
      messages: { to: string; subject: string; text: string }[];
    };
    const found = messages.find((m) => m.to === to && subject.test(m.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to}`);
}

/** The demo patient's visits: one booked a few days out, one held (to confirm) a week out. */
async function bookDemoVisits(account: Account) {
  const context = await browser.newContext({ storageState: await sessionOf(browser, account) });
  const visits = visitsApi(context.request, server.url);
  const c = await visits.clinic();
  const boston = c.location('America/New_York');
  const slot = {
    organizationId: c.organizationId,
    patientId: c.patientId,
    appointmentTypeId: c.type('Follow-up visit').id,
    providerId: c.provider('Okafor').id,
    locationId: boston.id,
    modality: 'in_person' as const,
  };
  const times = await visits.openTimes({
    ...slot,
    from: localDate(boston.timeZone, 3),
    to: localDate(boston.timeZone, 10),
    zone: boston.timeZone,
  });
  await visits.confirm(await visits.hold({ ...slot, start: times[0]! }));
  await visits.hold({ ...slot, start: times.at(-1)! });
  await context.close();
}

mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  const patient = { ...demo.patient, totpSecret: null };
  let page: Page;
  await bookDemoVisits(patient);
  const pages: [string, string, Account?][] = [
    ['home', '/'],
    ['book', '/book'],
    ['sign-in', '/sign-in'],
    ['register', '/register'],
    ['forgot-password', '/forgot-password'],
    [`reset-password`, `/reset-password#token=${fakeToken}`],
    ['invitation', `/invitation#token=${fakeToken}`],
    ['caregiver', `/caregiver#token=${fakeToken}`],
    ['verify-email', '/verify-email'],
    ['not-found', '/no/such/page'],
    ['dev-mailbox', '/dev/mail'],
    ['home-signed-in', '/', patient],
    ['account', '/account', patient],
    ['appointments', '/appointments', patient],
    ['waitlist', '/waitlist', patient],
    ['waitlist-join', '/waitlist/join', patient],
    ['account-authenticator', '/account/authenticator', patient],
    ['caregiver-signed-in', `/caregiver#token=${fakeToken}`, patient],
    ['intake', '/intake/new-patient', patient],
    ['console-front-desk', '/console', demo.front_desk],
    ['console-admin', '/console', demo.admin],
    ['console-account', '/console/account', demo.admin],
    ['console-audit', '/console/audit', demo.compliance_officer],
    ['console-setup', '/console/setup', demo.manager],
    ['console-setup-locations', '/console/setup/locations', demo.manager],
    ['console-setup-providers', '/console/setup/providers', demo.manager],
    ['console-setup-hours', '/console/setup/hours', demo.manager],
    ['console-setup-holidays', '/console/setup/holidays', demo.manager],
    ['console-setup-resources', '/console/setup/resources', demo.manager],
    ['console-setup-types', '/console/setup/types', demo.manager],
    ['console-setup-type-new', '/console/setup/types/new', demo.manager],
    ['console-setup-intake', '/console/setup/intake', demo.admin],
    ['console-setup-visit-guide', '/console/setup/visit-guide', demo.manager],
    ['console-setup-visit-policy', '/console/setup/visit-policy', demo.manager],
    ['console-setup-overbooking', '/console/setup/overbooking', demo.manager],
    ['console-setup-messages', '/console/setup/messages', demo.manager],
    ['console-waitlist', '/console/waitlist', demo.front_desk],
    ['console-reports', '/console/reports', demo.manager],
    ['console-users', '/console/users', demo.admin],
    ['console-session-policy', '/console/users/session-policy', demo.admin],
    [
      'console-alert',
      '/console/audit/alerts/5b0c3a9e-2f1d-4c8b-9e7a-1d2c3b4a5f60',
      demo.compliance_officer,
    ],
    ['console-audit-events', '/console/audit/events', demo.compliance_officer],
    ['console-audit-rules', '/console/audit/rules', demo.compliance_officer],
    ['console-audit-verification', '/console/audit/verification', demo.compliance_officer],
  ];
  for (const [name, url, account] of pages) {
    const page = await open(browser, url, account);
    await page.waitForLoadState('networkidle');
    await shoot(page, name);
    await page.context().close();
  }

  // The booking flow's steps, as the demo patient (and signed out, up to "who is booking").
  page = await open(browser, '/book', patient);
  await page.getByRole('button', { name: 'Yes, I have been seen here' }).click();
  await page.getByRole('button', { name: /check-in on my care plan/ }).click();
  await shoot(page, 'book-guide');
  await page.getByRole('button', { name: 'In person' }).click();
  await page.getByRole('button', { name: /^Book \d/ }).waitFor();
  await shoot(page, 'book-where');
  await page.getByRole('button', { name: 'See all times' }).click();
  await page.getByRole('heading', { name: /^Times on / }).waitFor();
  await shoot(page, 'book-when');
  await page
    .getByRole('list', { name: /^Times on / })
    .getByRole('button')
    .first()
    .click();
  await page.getByRole('heading', { level: 2, name: 'Review and confirm' }).waitFor();
  await shoot(page, 'book-review');
  await page.getByRole('button', { name: 'Confirm the booking' }).click();
  await page.getByRole('heading', { level: 2, name: 'You are booked' }).waitFor();
  await shoot(page, 'book-done');
  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await page.getByRole('link', { name: 'Book a visit' }).click();
  await page.getByRole('region', { name: 'Book again' }).getByRole('button').waitFor();
  await shoot(page, 'book-again');
  await page.context().close();

  page = await open(browser, '/book');
  await page.getByRole('button', { name: 'No, this is my first visit' }).click();
  await page.getByRole('button', { name: /^Book \d/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Who is booking?' }).waitFor();
  await shoot(page, 'book-who-is-booking');
  await page.getByRole('button', { name: 'Continue as a guest' }).click();
  await page.getByLabel('First name').waitFor();
  await shoot(page, 'book-guest');
  await page.context().close();

  page = await open(browser, `/visit#token=${fakeToken}`);
  await shoot(page, 'visit');
  await page.context().close();

  // My appointments: the change-time and cancel dialogs.
  page = await open(browser, '/appointments', patient);
  await page.getByRole('button', { name: 'Change time' }).first().click();
  await page.getByRole('radiogroup', { name: /^Time/ }).waitFor();
  await shoot(page, 'appointments-change-time');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cancel visit' }).first().click();
  await page.getByRole('dialog', { name: 'Cancel this visit?' }).waitFor();
  await shoot(page, 'appointments-cancel');
  await page.context().close();
  await complianceDesk(browser);

  // States that take a step: errors, the second factor, Spanish, enrollment.
  page = await open(browser, '/sign-in');
  await page.getByLabel('Email').fill(demo.front_desk.email);
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').getByText('not right').waitFor();
  await shoot(page, 'sign-in-error');
  await page.getByLabel('Password', { exact: true }).fill(demo.front_desk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Code from your authenticator app').waitFor();
  await shoot(page, 'second-factor');
  await page.context().close();

  page = await open(browser, '/');
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('heading', { level: 2, name: 'Sedes' }).waitFor();
  await shoot(page, 'home-es');
  await page.getByRole('link', { name: 'Iniciar sesión' }).click();
  await page.getByRole('heading', { level: 1, name: 'Iniciar sesión' }).waitFor();
  await shoot(page, 'sign-in-es');
  await page.context().close();

  page = await open(browser, '/console', demo.admin);
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await shoot(page, 'account-menu');
  await page.context().close();

  // A taken appointment-type name, shown beside the field.
  page = await open(browser, '/console/setup/types/new', demo.manager);
  await page.getByRole('textbox', { name: 'Name' }).fill('Follow-up visit');
  await page.getByRole('button', { name: 'Create the appointment type' }).click();
  await page.getByText('Another one already has this name: choose another.').waitFor();
  await shoot(page, 'console-setup-type-name-taken');
  await page.context().close();

  const admin = await browser.newContext({ storageState: await sessionOf(browser, demo.admin) });
  const email = 'screenshot.desk@demo.hourglass.invalid';
  await admin.request.post(`${server.url}/api/admin/invitations`, {
    headers: { origin: server.url },
    data: { email, displayName: 'Sam Screenshot', roles: ['front_desk'] },
  });
  await admin.close();
  const token = /#token=([\w-]{43})/.exec((await latestMail(email, /invited/)).text)![1]!;
  const password = 'quiet lantern over seven hills';
  await fetch(`${server.url}/api/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ token, password }),
  });
  page = await open(browser, '/sign-in');
  await signInOnPage(page, { email, password, totpSecret: null }, { expectCode: false });
  await page.getByRole('img', { name: /QR code/ }).waitFor();
  await shoot(page, 'enroll');
  const secret = (await page.locator('code.secret').textContent())!.replace(/\s+/g, '');
  await page.getByLabel('Six-digit code').fill(await totpCode(secret, new Date()));
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
  await shoot(page, 'recovery-codes');
  await page.context().close();
} finally {
  await browser.close();
  await server.stop();
}
await shootClinicDay();
console.log(`Screenshots in ${path.relative(process.cwd(), out)}`);
