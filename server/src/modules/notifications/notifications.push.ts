import { createHash } from 'node:crypto';
import webPush from 'web-push';
import {
  AddressRefused,
  guardedRequest,
  type Resolve,
} from '../../platform/net/guarded-request.ts';
import type { Channel } from './notifications.channels.ts';

/**
 * Web Push (RFC 8030) to the portal's service worker, with VAPID (RFC 8292) and the payload
 * encrypted aes128gcm (RFC 8291) by `web-push`. The address is the subscription as JSON
 * (`{endpoint, keys: {p256dh, auth}}`); the payload is only the PHI-free rendered text: a
 * title, a short body and the path of the page a click opens. The push service sees the
 * endpoint and ciphertext only, so it is no PHI-handling vendor (no agreement needed).
 */
export interface VapidKeys {
  /** `mailto:` or `https:` contact the push service may use (VAPID `sub`). */
  subject: string;
  /** base64url, the uncompressed P-256 point (what the browser's applicationServerKey takes). */
  publicKey: string;
  /** base64url, the 32-byte private scalar. */
  privateKey: string;
}

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** The subscription is gone at the push service (404/410): it is removed, the next channel tried. */
export class PushSubscriptionGone extends Error {
  readonly endpoint: string;
  constructor(endpoint: string) {
    super('push subscription gone');
    this.endpoint = endpoint;
  }

  /** Never the endpoint in a log line. */
  toJSON() {
    return { name: 'PushSubscriptionGone' };
  }
}

export interface PushPayload {
  title: string;
  body: string;
  /** A same-origin path (never a full URL) the notification opens. */
  url: string;
}

/** A reminder is stale after its appointment: a day is the most the push service should hold it. */
const TTL_SECONDS = 24 * 60 * 60;

export function pushChannel(
  vapid: VapidKeys,
  publicUrl: string,
  onGone: (endpoint: string) => Promise<void>,
  /** Where endpoints may lead: public addresses only, unless development or tests say otherwise. */
  net: { allowPrivate: boolean; resolve?: Resolve },
): Channel {
  return {
    name: 'push',
    handlesPhi: false,
    async send(m) {
      // The address: every browser the patient turned push on in (a JSON array), or one.
      const parsed = JSON.parse(m.to) as PushSubscriptionJson | PushSubscriptionJson[];
      const subs = Array.isArray(parsed) ? parsed : [parsed];
      if (subs.length === 0) throw new Error('no push subscription');
      const payload = JSON.stringify(payloadOf(m.subject, m.text, publicUrl));
      const results = await Promise.all(
        subs.map((sub) =>
          pushTo(sub, payload, m.idempotencyKey).then(
            (vendorId) => ({ vendorId }),
            (err: unknown) => ({ err }),
          ),
        ),
      );
      // Reaching one browser is the message sent; the gone ones are removed either way.
      for (const r of results) {
        if ('err' in r && r.err instanceof PushSubscriptionGone) await onGone(r.err.endpoint);
      }
      const reached = results.find((r): r is { vendorId: string } => 'vendorId' in r);
      if (reached) return { vendorId: reached.vendorId };
      // None: an outage if any was one (the next channel takes the message), else all gone.
      const errors = results.map((r) => (r as { err: unknown }).err);
      throw errors.find((e) => !(e instanceof PushSubscriptionGone)) ?? errors[0];
    },
  };

  /** One browser: its vendor id, or PushSubscriptionGone, or an error saying only the status. */
  async function pushTo(sub: PushSubscriptionJson, payload: string, key: string) {
    // web-push builds the request (aes128gcm body, VAPID header); it is sent through the guarded
    // request (platform/net), which checks the endpoint's addresses again at every send.
    const req = webPush.generateRequestDetails(sub, payload, {
      vapidDetails: vapid,
      TTL: TTL_SECONDS,
      urgency: 'high',
      contentEncoding: 'aes128gcm',
      topic: topicOf(key),
    });
    // Anything but a refusal is an outage: the endpoint is a capability URL, so only the
    // status leaves this function, never the connection's error.
    const res = await guardedRequest(new URL(req.endpoint), {
      method: req.method,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: req.body ? new Uint8Array(req.body) : null,
      timeoutMs: 10_000,
      allowPrivate: net.allowPrivate,
      ...(net.resolve ? { resolve: net.resolve } : {}),
    }).catch((err: unknown) => (err instanceof AddressRefused ? err : null));
    // An endpoint that now leads inward (checked again at every send) is never sent to again.
    if (res instanceof AddressRefused) throw new PushSubscriptionGone(sub.endpoint);
    if (res === null) throw new Error('push service unreachable');
    if (res.status === 404 || res.status === 410) throw new PushSubscriptionGone(sub.endpoint);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`push service answered ${res.status}`);
    }
    const location = res.headers.location;
    return location
      ? `push:${createHash('sha256').update(location).digest('hex').slice(0, 32)}`
      : `push:${topicOf(key)}`;
  }
}

/** RFC 8030 Topic (≤ 32 base64url chars): a resend replaces the undelivered copy, never adds one. */
function topicOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** The path of the first link into our own origin in the text, else the portal's home. */
export function actionPath(text: string, publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  for (const word of text.split(/\s+/)) {
    if (!word.startsWith(origin + '/')) continue;
    const u = new URL(word.replace(/[.,;)]+$/, ''));
    return u.pathname + u.search + u.hash;
  }
  return '/portal';
}

/**
 * The notification: its title is the template's subject, its body the text without the links
 * into our own origin (the first one is what a click opens; a link is noise on a lock screen).
 * A clinic's saved wording without a subject takes the text's lead before its first colon.
 */
export function payloadOf(subject: string, text: string, publicUrl: string): PushPayload {
  const url = actionPath(text, publicUrl);
  const origin = new URL(publicUrl).origin;
  const body = text
    .split(/\s+/)
    .filter((word) => word && !word.startsWith(origin + '/'))
    .join(' ');
  if (subject) return { title: subject, body, url };
  const at = body.indexOf(': ');
  return at > 0 && at <= 80
    ? { title: body.slice(0, at), body: body.slice(at + 2), url }
    : { title: '', body, url };
}
