import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoAccounts } from '../server/src/modules/identity/identity.demo.ts';
import { totpCode } from '../server/src/modules/identity/identity.totp.ts';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { useServerAndBrowser } from './harness.ts';

const env = useServerAndBrowser();

/** A member id no other text on the page or in a URL could contain by chance. */
const secret = 'ZQX-7731-4821';

/** Everything the page sends or prints, to prove the secret goes nowhere but request bodies. */
function watch(page: Page) {
  const seen = { urls: [] as string[], console: [] as string[], errors: [] as string[] };
  page.on('request', (r) => seen.urls.push(r.url()));
  page.on('console', (m) => seen.console.push(m.text()));
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return seen;
}

interface OutboxMessage {
  at: string;
  to: string;
  subject: string;
  text: string;
}

async function outbox(page: Page): Promise<OutboxMessage[]> {
  const res = await page.request.get(`${env.server.url}/api/dev/outbox`);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The code of the first sign-in-code mail to `to` that is not among `seen` (waits for it). */
async function emailedCode(page: Page, to: string, seen: OutboxMessage[]): Promise<string> {
  const known = new Set(seen.map((m) => `${m.at}${m.text}`));
  for (let i = 0; i < 100; i++) {
    const mail = (await outbox(page)).find(
      (m) => m.to === to && m.subject.includes('sign-in code') && !known.has(`${m.at}${m.text}`),
    );
    if (mail) return /\b(\d{6})\b/.exec(mail.text)![1]!;
    await page.waitForTimeout(50);
  }
  throw new Error('no sign-in code arrived in the development outbox');
}

async function signInAsDemoPatient(page: Page) {
  // The browser context's request shares the session cookie with the page.
  const email = 'patient@demo.hourglass.invalid';
  const seen = await outbox(page);
  const res = await page.request.post(`${env.server.url}/api/auth/sign-in`, {
    headers: { origin: env.server.url },
    data: { organization: 'demo', email, password: 'demo patient passphrase' },
  });
  expect(res.status()).toBe(200);
  // The patient's second factor: a code emailed to them, which the development outbox shows.
  const verified = await page.request.post(`${env.server.url}/api/auth/mfa/verify`, {
    headers: { origin: env.server.url },
    data: { code: await emailedCode(page, email, seen) },
  });
  expect(verified.status()).toBe(200);
  return (await (await page.request.get(`${env.server.url}/api/auth/session`)).json()).account as {
    patientId: string;
    organizationId: string;
  };
}

/** The patient's submitted answers, read back through the API. */
async function submittedAnswers(page: Page, patientId: string) {
  const res = await page.request.get(`${env.server.url}/api/patients/${patientId}/intake`);
  const { submissions } = (await res.json()) as {
    submissions: { answers: Record<string, unknown> }[];
  };
  return submissions.map((s) => s.answers);
}

describe('the intake form, on a phone', () => {
  it('asks a signed-out visitor to sign in', async () => {
    const page = await env.browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await page.goto(`${env.server.url}/intake/new-patient`);
    await page.getByText('Please sign in to continue').waitFor();
    expect(await page.locator('form').count()).toBe(0);
    await expectAccessibleAtBothWidths(page, 'intake, signed out');
    // The way in: sign-in, which comes back here afterwards.
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('redirect')).toBe('/intake/new-patient');
    await page.close();
  });

  it('masks the member id, shows conditional questions, autosaves, restores and submits', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    const seen = watch(page);
    const { patientId, organizationId } = await signInAsDemoPatient(page);
    await page.goto(`${env.server.url}/intake/new-patient`);
    await page.getByRole('heading', { level: 1, name: 'New patient visit' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'intake form');

    // A conditional question appears and disappears with the answer it depends on.
    const days = page.getByLabel('For how many days?');
    expect(await days.count()).toBe(0);
    await page.getByRole('radio', { name: 'Feeling unwell' }).check();
    await days.fill('500');
    await page.getByText('Please enter a number from 0 to 365.').waitFor();
    expect(await days.getAttribute('aria-invalid')).toBe('true');
    await days.fill('3');
    // The "why we ask" text is the control's description.
    expect(await days.getAttribute('aria-describedby')).toContain('q-days_unwell-why');
    await expect(page.locator('#q-days_unwell-why').textContent()).resolves.toBe(
      'Why we ask: To see you sooner when it has lasted long.',
    );

    // The sensitive question: typed like a password, shown only as its last four afterwards.
    const memberId = page.getByLabel('Insurance member ID');
    expect(await memberId.count()).toBe(0);
    await page
      .getByRole('radiogroup', { name: /Will your insurance cover/ })
      .getByLabel('Yes')
      .check();
    expect(await memberId.getAttribute('type')).toBe('password');
    expect(await memberId.getAttribute('autocomplete')).toBe('off');
    await memberId.fill(secret);
    const show = page.getByRole('button', { name: 'Show' });
    expect(await show.getAttribute('aria-pressed')).toBe('false');
    await show.click();
    expect(await memberId.getAttribute('type')).toBe('text');
    await show.click();
    expect(await memberId.getAttribute('type')).toBe('password');
    await page.getByRole('heading', { level: 1 }).click(); // leave the field
    await page.getByText('Entered: •••• 4821').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(secret);
    expect(await page.locator(`input[value="${secret}"]`).count()).toBe(0);

    // Autosave: a visible status once the draft is on the server.
    await page
      .getByRole('status')
      .getByText(/^Saved at/)
      .waitFor();

    // Reload: the draft comes back from the server, the member id still masked.
    await page.reload();
    await page.getByText('We restored the answers you saved earlier.').waitFor();
    expect(await page.getByRole('radio', { name: 'Feeling unwell' }).isChecked()).toBe(true);
    expect(await page.getByLabel('For how many days?').inputValue()).toBe('3');
    await page.getByText('Entered: •••• 4821').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(secret);

    // Submitting with a required answer missing names it; the server's own field errors show too.
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Some answers need your attention (1).').waitFor();
    await expectAccessibleAtBothWidths(page, 'intake form, an answer missing');
    const allergies = page.getByRole('radiogroup', { name: /allergic/ });
    expect(await allergies.getAttribute('aria-invalid')).toBe('true');
    await allergies.getByLabel('No').check();
    await page.route('**/submissions', async (route) => {
      const body = route.request().postDataJSON() as { answers: Record<string, unknown> };
      await route.continue({
        postData: JSON.stringify({ answers: { ...body.answers, days_unwell: 999 } }),
      });
    });
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.locator('#q-days_unwell-error').getByText('must be between 0 and 365').waitFor();
    await page.unroute('**/submissions');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'intake sent');

    // The submission is on the server, the draft gone.
    expect(await submittedAnswers(page, patientId)).toEqual([
      {
        reason: 'illness',
        days_unwell: 3,
        allergies: false,
        insured: true,
        insurance_member_id: secret,
      },
    ]);

    const form = await page.request.get(
      `${env.server.url}/api/organizations/${organizationId}/intake-forms/new-patient`,
    );
    const draft = await page.request.get(
      `${env.server.url}/api/patients/${patientId}/intake/${(await form.json()).id}/draft`,
    );
    expect(await draft.json()).toEqual({ draft: null });

    // The secret went nowhere but request bodies: no URL, no storage, no console.
    expect(seen.urls.filter((u) => u.includes(secret) || u.includes('4821'))).toEqual([]);
    expect(seen.console.filter((m) => m.includes(secret))).toEqual([]);
    expect(seen.errors).toEqual([]);
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    expect(stored).toEqual([0, 0]);
    await context.close();
  });

  it('gives dates, several choices and decimals their own controls and sends them typed', async () => {
    // The demo admin (password and published TOTP secret) defines a form for another visit type.
    const admin = await env.browser.newContext();
    const adminAccount = demoAccounts.find((a) => a.role === 'admin')!;
    const as = { headers: { origin: env.server.url } };
    await admin.request.post(`${env.server.url}/api/auth/sign-in`, {
      ...as,
      data: { organization: 'demo', email: adminAccount.email, password: adminAccount.password },
    });
    const code = await totpCode(adminAccount.totpSecret, new Date());
    await admin.request.post(`${env.server.url}/api/auth/mfa/verify`, { ...as, data: { code } });
    const defined = await admin.request.post(`${env.server.url}/api/intake/forms/follow-up`, {
      ...as,
      data: {
        title: 'Follow-up visit',
        questions: [
          {
            id: 'started',
            type: 'date',
            label: 'When did it start?',
            whyWeAsk: 'To plan.',
            required: true,
          },
          {
            id: 'symptoms',
            type: 'choice',
            multiple: true,
            label: 'Which symptoms?',
            whyWeAsk: 'To prepare.',
            required: false,
            options: [
              { value: 'fever', label: 'Fever' },
              { value: 'cough', label: 'Cough' },
              { value: 'rash', label: 'Rash' },
            ],
          },
          {
            id: 'temperature',
            type: 'number',
            integer: false,
            min: 34,
            max: 43,
            label: 'Highest temperature (°C)',
            whyWeAsk: 'To judge how urgent it is.',
            required: false,
          },
        ],
      },
    });
    expect(defined.status()).toBe(201);
    await admin.close();

    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    const { patientId } = await signInAsDemoPatient(page);
    await page.goto(`${env.server.url}/intake/follow-up`);
    await page.getByRole('heading', { level: 1, name: 'Follow-up visit' }).waitFor();
    const started = page.getByLabel('When did it start?');
    expect(await started.getAttribute('type')).toBe('date');
    await started.fill('2026-11-20');
    const symptoms = page.getByRole('group', { name: 'Which symptoms?' });
    await symptoms.getByRole('checkbox', { name: 'Fever' }).check();
    await symptoms.getByRole('checkbox', { name: 'Rash' }).check();
    const temperature = page.getByLabel('Highest temperature (°C)');
    expect(await temperature.getAttribute('inputmode')).toBe('decimal');
    await temperature.fill('38.5');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();

    expect(await submittedAnswers(page, patientId)).toContainEqual({
      started: '2026-11-20',
      symptoms: ['fever', 'rash'],
      temperature: 38.5,
    });
    await context.close();
  });
});
