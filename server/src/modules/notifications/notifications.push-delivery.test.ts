import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { transition } from '../booking/booking.service.ts';
import { book, messagesOf, scene } from './notifications.fixtures.ts';
import { startPushPeer, type PushPeer } from './notifications.push-peer.ts';

let h: IdentityApp;
let peer: PushPeer;
const vapid = webPush.generateVAPIDKeys();

beforeAll(async () => {
  peer = await startPushPeer();
  peer.expectKey = vapid.publicKey;
  h = await startIdentityApp({
    env: {
      HOURGLASS_VAPID_PUBLIC_KEY: vapid.publicKey,
      HOURGLASS_VAPID_PRIVATE_KEY: vapid.privateKey,
      HOURGLASS_VAPID_SUBJECT: 'mailto:ops@clinic.example',
    },
  });
  h.clock.set(new Date('2030-01-15T14:00:00Z'));
});
afterAll(async () => {
  await h.close();
  await peer.close();
});

/** A patient (no email or SMS consent) who signed in and turned on push in one browser. */
async function subscribed(channels: string[] = [], language = 'en') {
  const s = await scene(h, { channels, language });
  const me = await signIn(
    h,
    await addAccount(h, s.org, { kind: 'patient', patientId: s.patientId }),
  );
  const sub = peer.subscribe();
  const res = await me.request('POST', '/api/me/push-subscriptions', sub);
  expect(res.statusCode, res.body).toBe(201);
  return { s, me, sub };
}

const sentTo = (endpoint: string) => peer.received.filter((r) => r.endpoint === endpoint);

describe('Web Push delivery', () => {
  it('the public key is served for the portal', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/push/vapid-public-key' });
    expect(res.json()).toEqual({ publicKey: vapid.publicKey });
  });

  it('a confirmation reaches the browser: decrypted, exactly the rendered PHI-free text', async () => {
    const { s, sub } = await subscribed();
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const [got] = sentTo(sub.endpoint);
    const payload = JSON.parse(got!.payload) as { title: string; body: string; url: string };
    // Its own wording: a title, the time, and the portal as the click (no "reply", no URL shown).
    expect(payload.title).toBe('Your appointment at Riverside Clinic is booked');
    expect(payload.body).toMatch(/^\S.+ at \S.+\.$/);
    expect(payload.body).not.toMatch(/http|reply/i);
    expect(payload.url).toBe('/portal');
    const [m] = (await messagesOf(h, a.id)).filter((x) => x.kind === 'confirmation');
    expect(m).toMatchObject({ channel: 'push', status: 'sent' });
    expect(m!.body).toBe(`${payload.body} ${h.notifications.deps.publicUrl}/portal`);
  });

  it('in the patient’s language', async () => {
    const { s, sub } = await subscribed([], 'es');
    await book(h, s, 7);
    await h.notifications.deliverDue();
    const payload = JSON.parse(sentTo(sub.endpoint)[0]!.payload) as { title: string; body: string };
    expect(payload.title).toBe('Su cita en Riverside Clinic está reservada');
    expect(payload.body).toMatch(/^El .+ a las .+\.$/);
  });

  it('reaches every browser the patient turned push on in; a gone one is removed, the rest still get it', async () => {
    const { s, me, sub: phoneSub } = await subscribed();
    const laptop = peer.subscribe();
    expect((await me.request('POST', '/api/me/push-subscriptions', laptop)).statusCode).toBe(201);
    const old = peer.subscribe();
    expect((await me.request('POST', '/api/me/push-subscriptions', old)).statusCode).toBe(201);
    peer.gone.add(old.endpoint);
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const titles = (endpoint: string) =>
      sentTo(endpoint).map((r) => (JSON.parse(r.payload) as { title: string }).title);
    expect(titles(phoneSub.endpoint)).toEqual(['Your appointment at Riverside Clinic is booked']);
    expect(titles(laptop.endpoint)).toEqual(['Your appointment at Riverside Clinic is booked']);
    const [m] = (await messagesOf(h, a.id)).filter((x) => x.kind === 'confirmation');
    expect(m).toMatchObject({ channel: 'push', status: 'sent' });
    const list = (await me.request('GET', '/api/me/push-subscriptions')).json() as {
      subscriptions: unknown[];
    };
    expect(list.subscriptions).toHaveLength(2);
  });

  it('410 Gone: the subscription is removed and the next channel (email) takes the message', async () => {
    const { s, me, sub } = await subscribed();
    const manager = await signIn(h, await addAccount(h, s.org, { roles: ['manager'] }));
    const plan = await manager.request('PUT', '/api/notifications/plan', {
      confirmations: true,
      reminderLeadHours: 72,
      nudgeLeadMinutes: null,
      channelOrder: ['push', 'email'],
    });
    expect(plan.statusCode, plan.body).toBe(204);
    await h.db.query(`update patient_preferences set channels = '{email}' where patient_id = $1`, [
      s.patientId,
    ]);
    peer.gone.add(sub.endpoint);
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    const [m] = (await messagesOf(h, a.id)).filter((x) => x.kind === 'confirmation');
    expect(m).toMatchObject({ channel: 'email', status: 'sent' });
    const list = await me.request('GET', '/api/me/push-subscriptions');
    expect(list.json()).toEqual({ subscriptions: [] });
  });

  it('turned off (unsubscribed): nothing is pushed; the portal inbox keeps the message', async () => {
    const { s, me, sub } = await subscribed();
    const list = (await me.request('GET', '/api/me/push-subscriptions')).json() as {
      subscriptions: { id: string; service: string }[];
    };
    expect(list.subscriptions).toHaveLength(1);
    expect(list.subscriptions[0]!.service).toBe(peer.origin);
    expect(JSON.stringify(list)).not.toContain(sub.endpoint);
    const del = await me.request(
      'DELETE',
      `/api/me/push-subscriptions/${list.subscriptions[0]!.id}`,
    );
    expect(del.statusCode).toBe(204);
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    expect(sentTo(sub.endpoint)).toEqual([]);
    const [m] = (await messagesOf(h, a.id)).filter((x) => x.kind === 'confirmation');
    expect(m).toMatchObject({ channel: 'portal' });
  });

  it('a cancelled appointment’s reminder is never pushed', async () => {
    const { s, sub } = await subscribed();
    const a = await book(h, s, 7);
    await h.notifications.deliverDue();
    await transition(s.desk, h.booking, s.clinic.orgId, a.id, 'cancel', {
      body: { reasonCode: 'clinic_closed' },
    });
    await h.notifications.deliverDue();
    h.clock.set(new Date(h.clock.now().getTime() + 7 * 86_400_000));
    await h.notifications.deliverDue();
    const titles = sentTo(sub.endpoint).map((r) => JSON.parse(r.payload).title as string);
    expect(titles).toEqual([
      'Your appointment at Riverside Clinic is booked',
      'Your appointment at Riverside Clinic is cancelled',
    ]);
    h.clock.set(new Date('2030-01-15T14:00:00Z'));
  });

  it('another patient cannot remove my browser; bad endpoints are refused and change nothing', async () => {
    const { me } = await subscribed();
    const other = await subscribed();
    const mine = (await me.request('GET', '/api/me/push-subscriptions')).json() as {
      subscriptions: { id: string }[];
    };
    const theirs = await other.me.request(
      'DELETE',
      `/api/me/push-subscriptions/${mine.subscriptions[0]!.id}`,
    );
    expect(theirs.statusCode).toBe(404);
    const bad = await me.request('POST', '/api/me/push-subscriptions', {
      endpoint: 'ftp://push.example/x',
      keys: peer.subscribe().keys,
    });
    expect(bad.statusCode).toBe(400);
    const after = (await me.request('GET', '/api/me/push-subscriptions')).json() as {
      subscriptions: unknown[];
    };
    expect(after.subscriptions).toHaveLength(1);
  });
});
