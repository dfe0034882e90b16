import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPushPeer,
  type PushPeer,
} from '../server/src/modules/notifications/notifications.push-peer.ts';
import { expectAccessibleAtBothWidths } from './a11y.ts';
import { demo, signInByApi, signInOnPage } from './accounts.ts';
import { desktop, useServerAndBrowser } from './harness.ts';
import { visitsApi } from './visits.ts';

const env = useServerAndBrowser();
const patient = { ...demo.patient, totpSecret: null };
let peer: PushPeer;
beforeAll(async () => {
  peer = await startPushPeer();
});
afterAll(() => peer.close());

/**
 * The browser vendor's push service is the one fake: headless Chromium reaches none, so
 * PushManager's subscribe/getSubscription answer a subscription at the test's local RFC 8030
 * service, whose keys the test holds (the service decrypts what the server pushes).
 */
function fakePushManager(sub: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  const fake = {
    endpoint: sub.endpoint,
    expirationTime: null,
    toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }),
    unsubscribe: async () => {
      sessionStorage.removeItem('fake-push');
      return true;
    },
  };
  PushManager.prototype.subscribe = async function () {
    sessionStorage.setItem('fake-push', '1');
    return fake as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async function () {
    return (sessionStorage.getItem('fake-push') ? fake : null) as PushSubscription | null;
  };
}

describe('Web Push', () => {
  it('the patient turns on notifications; a confirmation is pushed, decrypted, and shown by the service worker', async () => {
    const url = env.server.url;
    const api = await env.browser.newContext();
    await signInByApi(api.request, url, patient);
    const visits = visitsApi(api.request, url);
    const c = await visits.clinic();
    // Only push (and the inbox): email and SMS consent withdrawn.
    const headers = { origin: url };
    const prefsUrl = `${url}/api/patients/${c.patientId}/preferences`;
    const { preferences } = (await (await api.request.get(prefsUrl)).json()) as {
      preferences: Record<string, unknown> | null;
    };
    const put = await api.request.put(prefsUrl, {
      headers,
      data: {
        language: 'en',
        quietHours: { start: '21:00', end: '08:00' },
        timeZone: 'America/New_York',
        ...preferences,
        channels: [],
      },
    });
    expect(put.status(), await put.text()).toBe(200);

    const sub = peer.subscribe();
    const context = await env.browser.newContext(desktop);
    await context.grantPermissions(['notifications'], { origin: url });
    await context.addInitScript(fakePushManager, sub);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in?redirect=%2Faccount`);
    await signInOnPage(page, patient);
    const section = page.getByRole('region', { name: 'Notifications on this device' });
    await section.getByRole('button', { name: 'Turn on notifications' }).click();
    await section.getByText('Notifications are on for this device.').waitFor();
    await expectAccessibleAtBothWidths(page, 'account with notifications on');
    const listed = (await (await api.request.get(`${url}/api/me/push-subscriptions`)).json()) as {
      subscriptions: { service: string }[];
    };
    expect(listed.subscriptions.map((s) => s.service)).toContain(peer.origin);

    // A visit is booked: its confirmation goes by push to the local service, which decrypts it.
    await visits.bookWeekOut();
    await api.close();
    await expect
      .poll(() => peer.received.filter((r) => r.endpoint === sub.endpoint).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    const pushed = peer.received.find((r) => r.endpoint === sub.endpoint)!;
    const payload = JSON.parse(pushed.payload) as { title: string; body: string; url: string };
    expect(payload.title).toMatch(/^Your appointment at .+ is booked$/);
    expect(payload.body).not.toMatch(/http/);
    expect(payload.url).toBe('/portal');

    // The same payload to the real service worker (CDP, standing in for the push service).
    const cdp: CDPSession = await context.newCDPSession(page);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
      registrations.push(...(e.registrations as typeof registrations));
    });
    await cdp.send('ServiceWorker.enable');
    await expect
      .poll(() => registrations.filter((r) => r.scopeURL.startsWith(url)).length)
      .toBeGreaterThan(0);
    const reg = registrations.find((r) => r.scopeURL.startsWith(url))!;
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(url).origin,
      registrationId: reg.registrationId,
      data: pushed.payload,
    });
    await expect
      .poll(() =>
        page.evaluate(() =>
          navigator.serviceWorker.ready.then((r) =>
            r.getNotifications().then((ns) => ns.map((n) => ({ title: n.title, body: n.body }))),
          ),
        ),
      )
      .toContainEqual({ title: payload.title, body: payload.body });

    // Turned off: the server forgets the browser.
    await section.getByRole('button', { name: 'Turn off notifications' }).click();
    await section.getByText('Notifications are off for this device.').waitFor();
    const after = (await (await page.request.get(`${url}/api/me/push-subscriptions`)).json()) as {
      subscriptions: { service: string }[];
    };
    expect(after.subscriptions.map((s) => s.service)).not.toContain(peer.origin);
    await context.close();
  });
});
