import { CalendarDateTime, toZoned, today } from '@internationalized/date';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../server/src/modules/identity/identity.totp.ts';
import { expectAccessible } from './a11y.ts';

/**
 * A clinic day at a chosen time: the server's clock starts there (HOURGLASS_CLOCK_START) and
 * runs on, and each browser context's clock is set to the server's, so the visit-day guards
 * (check-in on the day, no-show after the start) meet a real day, whatever the hour the tests run.
 * The demo clinic is seeded around that day: at 10:20 in Boston, Dr. Okafor's 9:40 visit is over
 * and still booked, and the 10:20 visit is starting.
 */
export function clinicDay(time = { hour: 10, minute: 20 }, zone = 'America/New_York') {
  // A Wednesday at least two days ahead: every demo provider works in Boston that day.
  let d = today(zone).add({ days: 2 });
  while (d.toDate('UTC').getUTCDay() !== 3) d = d.add({ days: 1 });
  const at = toZoned(new CalendarDateTime(d.year, d.month, d.day, time.hour, time.minute), zone);
  const start = at.toDate();
  return {
    start,
    date: d.toString(),
    env: { HOURGLASS_CLOCK_START: start.toISOString() },
    /** Set after the first sign-in: server time minus this machine's. */
    offset: start.getTime() - Date.now(),
    serverNow(): Date {
      return new Date(Date.now() + this.offset);
    },
    /** Learns the server's time from a session (its idle expiry less the idle timeout). */
    async sync(request: APIRequestContext, url: string) {
      const s = (await (await request.get(`${url}/api/auth/session`)).json()) as {
        idleExpiresAt: string;
        idleTimeoutSeconds: number;
      };
      this.offset = Date.parse(s.idleExpiresAt) - s.idleTimeoutSeconds * 1000 - Date.now();
    },
    /** A browser context whose clock reads the server's time. */
    async context(context: BrowserContext) {
      await context.clock.install({ time: this.serverNow() });
      return context;
    },
  };
}
export type ClinicDay = ReturnType<typeof clinicDay>;

const usedSteps = new Map<string, number>();

/** A TOTP code for the server's time, never one of a step already used (replay). */
export async function totpAt(day: ClinicDay, secret: string): Promise<string> {
  let step = Math.floor(day.serverNow().getTime() / 30_000);
  const last = usedSteps.get(secret) ?? -1;
  // The server accepts the next step's code at most: a third sign-in within one step waits.
  while (last > step) {
    await new Promise((r) => setTimeout(r, (step + 1) * 30_000 - day.serverNow().getTime() + 50));
    step = Math.floor(day.serverNow().getTime() / 30_000);
  }
  const use = last >= step ? last + 1 : step;
  usedSteps.set(secret, use);
  return totpCode(secret, new Date(use * 30_000 + 1_000));
}

/** Signs a workforce account in on the sign-in page, the code taken for the server's time. */
export async function signInAtClinic(
  page: Page,
  day: ClinicDay,
  account: { email: string; password: string; totpSecret?: string | null },
) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Code from your authenticator app');
  await code.waitFor();
  await day.sync(page.request, new URL(page.url()).origin);
  await code.fill(await totpAt(day, account.totpSecret!));
  await page.getByRole('button', { name: 'Continue' }).click();
  // Signed in once the app leaves the sign-in page: a navigation before then would cut the
  // code's answer off (and a heading seen now could be the sign-in page's own).
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** Signs a workforce account in through the API, the code taken for the server's time. */
export async function signInByApiAtClinic(
  request: APIRequestContext,
  url: string,
  day: ClinicDay,
  account: { email: string; password: string; totpSecret?: string | null },
) {
  const headers = { origin: url };
  const res = await request.post(`${url}/api/auth/sign-in`, {
    headers,
    data: { organization: 'demo', email: account.email, password: account.password },
  });
  if (res.status() !== 200) throw new Error(`sign-in answered ${res.status()}`);
  await day.sync(request, url);
  const verify = await request.post(`${url}/api/auth/mfa/verify`, {
    headers,
    data: { code: await totpAt(day, account.totpSecret!) },
  });
  if (verify.status() !== 200) throw new Error(`mfa answered ${verify.status()}`);
}

/** Console pages are checked at desktop (1280) and tablet (768) width. */
export async function expectAccessibleConsole(page: Page, state: string) {
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 768, height: 1024 },
  ]) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await expectAccessible(page, state);
  }
  await page.setViewportSize(before);
}
