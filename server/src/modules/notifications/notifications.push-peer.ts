import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PushSubscriptionJson } from './notifications.push.ts';

/**
 * A local push service for tests that speaks RFC 8030: `POST /push/{id}` with a VAPID
 * Authorization header (`vapid t=<ES256 JWT>, k=<public key>`, RFC 8292) is verified (signature
 * under `k`, `aud` this origin, not expired, `k` the expected key when one is set) and the
 * aes128gcm body (RFC 8291) DECRYPTED with the subscription's private key, which the peer
 * generated as a browser would: tests assert the exact text delivered.
 */
export interface PushPeer {
  origin: string;
  /** A new subscription at this service: what a browser's pushManager.subscribe answers. */
  subscribe(): PushSubscriptionJson;
  received: {
    endpoint: string;
    payload: string;
    ttl: string;
    urgency: string;
    topic: string;
    vapidKey: string;
  }[];
  /** Endpoints that answer 410 Gone (an unsubscribed browser). */
  gone: Set<string>;
  /** Answers every push with this status instead (an outage). */
  failWith: number | null;
  /** The VAPID public key (base64url) pushes must be signed with; null: any. */
  expectKey: string | null;
  close(): Promise<void>;
}

export async function startPushPeer(): Promise<PushPeer> {
  const subs = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  let n = 0;
  const peer = {
    origin: '',
    received: [] as PushPeer['received'],
    gone: new Set<string>(),
    failWith: null as number | null,
    expectKey: null as string | null,
    subscribe(): PushSubscriptionJson {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(12).toString('hex');
      subs.set(id, { ecdh, auth });
      return {
        endpoint: `${peer.origin}/push/${id}`,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: auth.toString('base64url'),
        },
      };
    },
  };
  const server = createServer(async (req, res) => {
    const body = await read(req);
    const id = /^\/push\/([0-9a-f]+)$/.exec(req.url ?? '')?.[1];
    const sub = id ? subs.get(id) : undefined;
    if (req.method !== 'POST' || !id || !sub) return void res.writeHead(404).end();
    const endpoint = `${peer.origin}/push/${id}`;
    if (peer.gone.has(endpoint)) return void res.writeHead(410).end();
    const key = vapidKey(String(req.headers.authorization ?? ''), peer.origin);
    if (!key || (peer.expectKey && key !== peer.expectKey)) return void res.writeHead(401).end();
    if (req.headers['content-encoding'] !== 'aes128gcm') return void res.writeHead(415).end();
    if (peer.failWith) return void res.writeHead(peer.failWith).end();
    let payload: string;
    try {
      payload = decrypt(body, sub.ecdh, sub.auth);
    } catch {
      return void res.writeHead(400).end();
    }
    peer.received.push({
      endpoint,
      payload,
      ttl: String(req.headers.ttl ?? ''),
      urgency: String(req.headers.urgency ?? ''),
      topic: String(req.headers.topic ?? ''),
      vapidKey: key,
    });
    res.writeHead(201, { location: `${peer.origin}/message/${++n}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(peer, {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The VAPID key of a valid `vapid t=…, k=…` header for this audience, else null. */
function vapidKey(header: string, audience: string): string | null {
  const t = /(?:^|[\s,])t=([\w.-]+)/.exec(header.replace(/^vapid\s+/i, ' '))?.[1];
  const k = /(?:^|[\s,])k=([\w-]+)/.exec(header.replace(/^vapid\s+/i, ' '))?.[1];
  if (!/^vapid\s/i.test(header) || !t || !k) return null;
  const [h, p, s] = t.split('.');
  if (!h || !p || !s) return null;
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return null;
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  const head = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  // The peer is a stand-in for a real service: wall time is what a real one checks `exp` against.
  const fresh = typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
  const ok = signed && head.alg === 'ES256' && claims.aud === audience && fresh && !!claims.sub;
  return ok ? k : null;
}

/** RFC 8291 / RFC 8188: one aes128gcm record decrypted with the user agent's keys. */
function decrypt(body: Buffer, ua: ReturnType<typeof createECDH>, auth: Buffer): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();
  const ecdhSecret = ua.computeSecret(asPublic);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    ua.getPublicKey(),
    asPublic,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(auth, ecdhSecret), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const d = createDecipheriv('aes-128-gcm', cek, nonce);
  d.setAuthTag(ciphertext.subarray(-16));
  const plain = Buffer.concat([d.update(ciphertext.subarray(0, -16)), d.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  if (plain[end] !== 2) throw new Error('bad padding delimiter');
  return plain.subarray(0, end).toString('utf8');
}

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
