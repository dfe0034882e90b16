import type { APIRequestContext, Page } from 'playwright-core';
import { demoAccounts } from '../server/src/modules/identity/identity.demo.ts';
import { totpCode } from '../server/src/modules/identity/identity.totp.ts';
import { waitForMail } from './mail.ts';

export const demo = Object.fromEntries(demoAccounts.map((a) => [a.role, a])) as Record<
  'admin' | 'manager' | 'front_desk' | 'clinician' | 'compliance_officer' | 'patient',
  (typeof demoAccounts)[number]
>;

const usedSteps = new Map<string, number>();

/**
 * A TOTP code the server will accept: it refuses a code of a time step already used (replay),
 * so a second sign-in within the same 30 s uses the next step's code (the server allows one
 * step of clock skew), and a third waits for the next step.
 */
export async function freshTotp(secret: string): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  const last = usedSteps.get(secret) ?? -1;
  while (last > step) {
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - Date.now() + 50));
    step = Math.floor(Date.now() / 30_000);
  }
  const use = last >= step ? last + 1 : step;
  usedSteps.set(secret, use);
  return totpCode(secret, new Date(use * 30_000 + 1_000));
}

/** Signs a workforce account in through the API (password, then TOTP) in a request context. */
export async function signInByApi(
  request: APIRequestContext,
  serverUrl: string,
  account: { email: string; password: string; totpSecret?: string | null },
) {
  const headers = { origin: serverUrl };
  const since = new Date().toISOString();
  const signIn = await request.post(`${serverUrl}/api/auth/sign-in`, {
    headers,
    data: { organization: 'demo', email: account.email, password: account.password },
  });
  if (signIn.status() !== 200) throw new Error(`sign-in answered ${signIn.status()}`);
  const { stage } = (await signIn.json()) as { stage: string };
  if (stage === 'mfa') {
    const code = account.totpSecret
      ? await freshTotp(account.totpSecret)
      : await emailedCode(serverUrl, account.email, since);
    const verify = await request.post(`${serverUrl}/api/auth/mfa/verify`, {
      headers,
      data: { code },
    });
    if (verify.status() !== 200) throw new Error(`mfa answered ${verify.status()}`);
  }
}

/** The six-digit code the server emailed `to` after `since` (a patient's second factor). */
export async function emailedCode(serverUrl: string, to: string, since: string): Promise<string> {
  const mail = await waitForMail(serverUrl, to, /sign-in code/, { after: since });
  return /\b(\d{6})\b/.exec(mail.text)![1]!;
}

/**
 * Signs in through the sign-in page the page is on, as a person would: email, password, then
 * the authenticator code when the account has one, or else the code the server emailed (the
 * second factor of patients without an authenticator). `expectCode: false` stops after the
 * password (an account still enrolling its authenticator).
 */
export async function signInOnPage(
  page: Page,
  account: { email: string; password: string; totpSecret?: string | null },
  opts: { expectCode?: boolean } = {},
) {
  const since = new Date().toISOString();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (opts.expectCode === false) return;
  if (account.totpSecret) {
    await page
      .getByLabel('Code from your authenticator app')
      .fill(await freshTotp(account.totpSecret));
  } else {
    const serverUrl = new URL(page.url()).origin;
    await page
      .getByLabel('Code from the email')
      .fill(await emailedCode(serverUrl, account.email, since));
  }
  await page.getByRole('button', { name: 'Continue' }).click();
}
