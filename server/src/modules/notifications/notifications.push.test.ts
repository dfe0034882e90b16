import webPush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Resolve } from '../../platform/net/guarded-request.ts';
import { startPushPeer, type PushPeer } from './notifications.push-peer.ts';
import { PushSubscriptionGone, payloadOf, pushChannel } from './notifications.push.ts';

type ResolveCallback = (err: null, a: { address: string; family: number }[]) => void;
let peer: PushPeer;
const vapid = { subject: 'mailto:ops@clinic.example', ...webPush.generateVAPIDKeys() };
const publicUrl = 'https://portal.clinic.example';
/** The local push service is on 127.0.0.1: as in development and tests. */
const local = { allowPrivate: true };

beforeAll(async () => {
  peer = await startPushPeer();
  peer.expectKey = vapid.publicKey;
});
afterAll(() => peer.close());

const message = (to: string, key = 'k-1') => ({
  idempotencyKey: key,
  to,
  subject: '',
  text: 'Lakeside Clinic: reminder, Mon 3 Mar 10:00. https://portal.clinic.example/portal/a/xyz',
});

describe('the push channel against a local RFC 8030 service', () => {
  it('delivers the encrypted, VAPID-signed payload: the rendered text, its link as the click', async () => {
    const gone: string[] = [];
    const channel = pushChannel(vapid, publicUrl, async (e) => void gone.push(e), local);
    const sub = peer.subscribe();
    const { vendorId } = await channel.send(message(JSON.stringify(sub)));
    const got = peer.received.at(-1)!;
    expect(got.endpoint).toBe(sub.endpoint);
    expect(JSON.parse(got.payload)).toEqual({
      title: 'Lakeside Clinic',
      body: 'reminder, Mon 3 Mar 10:00.',
      url: '/portal/a/xyz',
    });
    expect(got.ttl).toBe('86400');
    expect(got.urgency).toBe('high');
    expect(got.topic).toMatch(/^[\w-]{32}$/);
    expect(vendorId).toMatch(/^push:[0-9a-f]{32}$/);
    expect(gone).toEqual([]);
    expect(channel.handlesPhi).toBe(false);
  });

  it('a push signed with another VAPID key is refused by the service, and not as gone', async () => {
    const other = { subject: 'mailto:x@y.example', ...webPush.generateVAPIDKeys() };
    const before = peer.received.length;
    const channel = pushChannel(
      other,
      publicUrl,
      async () => {
        throw new Error('not gone');
      },
      local,
    );
    await expect(channel.send(message(JSON.stringify(peer.subscribe())))).rejects.toThrow(
      'push service answered 401',
    );
    expect(peer.received.length).toBe(before);
  });

  it('410 Gone: the subscription is handed to onGone and the send fails as gone', async () => {
    const gone: string[] = [];
    const channel = pushChannel(vapid, publicUrl, async (e) => void gone.push(e), local);
    const sub = peer.subscribe();
    peer.gone.add(sub.endpoint);
    const err = await channel.send(message(JSON.stringify(sub))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushSubscriptionGone);
    expect(gone).toEqual([sub.endpoint]);
  });

  it('an outage fails the send without the endpoint in the error (a capability URL)', async () => {
    const channel = pushChannel(vapid, publicUrl, async () => {}, local);
    const sub = peer.subscribe();
    peer.failWith = 503;
    try {
      const err = (await channel
        .send(message(JSON.stringify(sub)))
        .catch((e: unknown) => e)) as Error;
      expect(err.message).toBe('push service answered 503');
      expect(err.message).not.toContain(sub.endpoint);
    } finally {
      peer.failWith = null;
    }
  });

  it('an endpoint whose name now resolves inward is refused at send time, and dropped', async () => {
    // Accepted when subscribed (a public answer then); by the time of sending its name answers
    // with the loopback (DNS rebinding): the guarded request refuses before any connection.
    const inward: Resolve = ((_host: string, _opts: unknown, cb: ResolveCallback) =>
      cb(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as Resolve;
    const gone: string[] = [];
    const channel = pushChannel(vapid, publicUrl, async (e) => void gone.push(e), {
      allowPrivate: false,
      resolve: inward,
    });
    const sub = peer.subscribe();
    const named = { ...sub, endpoint: sub.endpoint.replace('127.0.0.1', 'push.service.example') };
    expect(named.endpoint).not.toBe(sub.endpoint);
    const before = peer.received.length;
    const err = await channel.send(message(JSON.stringify(named))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushSubscriptionGone);
    expect(gone).toEqual([named.endpoint]);
    expect(peer.received.length).toBe(before);
  });

  it('the action link is only ever a path on our own origin', () => {
    expect(payloadOf('', 'A: see https://evil.example/x', publicUrl).url).toBe('/portal');
    expect(payloadOf('Title', 'go https://portal.clinic.example/p?q=1.', publicUrl)).toEqual({
      title: 'Title',
      body: 'go',
      url: '/p?q=1',
    });
    // A foreign link stays visible text; only our own links are taken out of the body.
    expect(payloadOf('T', 'see https://evil.example/x', publicUrl).body).toBe(
      'see https://evil.example/x',
    );
  });
});
