import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSmsPeer,
  type SmsPeer,
} from '../server/src/modules/notifications/notifications.sms-peer.ts';
import { expectAccessibleAtBothWidths, expectAccessibleAtConsoleWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { recordLeaks } from './phi.ts';
import { demoPatientPhi, visitsApi } from './visits.ts';

// The local Twilio-format vendor starts before the server, which is pointed at it.
let peer: SmsPeer;
const serverEnv: Record<string, string> = {};
beforeAll(async () => {
  peer = await startSmsPeer();
  Object.assign(serverEnv, peer.env);
});
afterAll(() => peer.close());
const env = useServerAndBrowser({ env: serverEnv });
const patient = { ...demo.patient, totpSecret: null };

/** Waits until the vendor has received `n` texts (the server sends from its job queue). */
async function texts(n: number) {
  await expect.poll(() => peer.received.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(n);
  return peer.received;
}

/**
 * The clinic's agreement with the SMS vendor, a patient who chose texts, and a visit a week out
 * whose confirmation goes by SMS: the visit and the text the vendor received.
 */
async function textedVisit(url: string) {
  const admin = await env.browser.newContext();
  await signInByApi(admin.request, url, demo.admin);
  const baa = await admin.request.put(`${url}/api/notifications/vendors/sms/agreement`, {
    headers: { origin: url },
    data: { signedOn: '2020-01-01', expiresOn: null },
  });
  expect(baa.status(), await baa.text()).toBe(204);
  await admin.close();
  const api = await env.browser.newContext();
  await signInByApi(api.request, url, patient);
  const visits = visitsApi(api.request, url);
  const c = await visits.clinic();
  const prefs = await api.request.put(`${url}/api/patients/${c.patientId}/preferences`, {
    headers: { origin: url },
    data: {
      channels: ['sms'],
      language: 'en',
      quietHours: null,
      timeZone: 'America/New_York',
    },
  });
  expect(prefs.status(), await prefs.text()).toBeLessThan(300);
  const before = peer.received.length;
  const id = await visits.bookWeekOut();
  const confirmation = (await texts(before + 1)).at(-1)!;
  await api.close();
  return { id, confirmation };
}

/** Posts the vendor's signed request to one of our SMS webhooks, as Twilio would. */
function vendorPosts(url: string, publicUrl: string, path: string, params: Record<string, string>) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': peer.sign(`${publicUrl}${path}`, params),
    },
    body: new URLSearchParams(params),
  });
}

describe('an action link reached by SMS', () => {
  it('texts the code to the phone on file, and the page says so', async () => {
    const url = env.server.url;
    const { confirmation } = await textedVisit(url);
    // The patient answers R: the vendor posts the reply, signed; the answer holds a link.
    const publicUrl = new URL(confirmation.statusCallback).origin;
    const params = {
      MessageSid: 'SMreply',
      AccountSid: peer.accountSid,
      From: confirmation.to,
      To: peer.from,
      Body: 'R',
    };
    const reply = await vendorPosts(url, publicUrl, '/api/webhooks/sms/inbound', params);
    const link = /\/messages\/reschedule#token=[A-Za-z0-9_-]{43}/.exec(await reply.text())?.[0];
    expect(link).toBeTruthy();

    // Opened in a browser that never signed in: the code goes to the phone.
    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}${link}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Choose another time' }).count()).toBe(0);
    const before = peer.received.length;
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByRole('heading', { name: 'Check your phone' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'action link: code by SMS');
    const text = (await texts(before + 1)).at(-1)!;
    expect(text.to).toBe(confirmation.to);
    const code = /^Your Hourglass code is (\d{6})\./.exec(text.body)![1]!;
    for (const phi of demoPatientPhi) expect(text.body).not.toContain(phi);
    await page.getByRole('textbox', { name: 'Code' }).fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Choose another time' }).waitFor();
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });

  it('a text the carrier could not deliver is on the desk’s console home, and opens the visit’s messages', async () => {
    const url = env.server.url;
    const { confirmation } = await textedVisit(url);
    const publicUrl = new URL(confirmation.statusCallback).origin;
    const status = await vendorPosts(url, publicUrl, '/api/webhooks/sms/status', {
      MessageSid: confirmation.sid,
      AccountSid: peer.accountSid,
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
    });
    expect(status.status, await status.text()).toBeLessThan(300);

    const context = await env.browser.newContext(desktop);
    const recorder = recordLeaks(context);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in?redirect=/console`);
    await signInOnPage(page, demo.front_desk);
    const list = page.getByRole('region', { name: 'Messages that did not reach the patient' });
    const item = list
      .getByRole('listitem')
      .filter({ hasText: 'Text message: Sent: not delivered' });
    await item.waitFor();
    await expect
      .poll(() => item.textContent())
      .toMatch(/^Confirmation about the visit on .+Dr\. Amara Okafor/);
    await expectAccessibleAtConsoleWidths(page, 'console home: messages that reached no patient');
    await item.getByRole('link', { name: /^Open the visit on / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Messages to the patient' }).waitFor();
    await dialog.getByRole('cell', { name: 'Sent: not delivered' }).waitFor();
    expect(new URL(page.url()).searchParams.has('appointment')).toBe(false);
    expect(await recorder.leaks(page, demoPatientPhi)).toEqual([]);
    await context.close();
  });
});
