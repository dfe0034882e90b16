import { AddressRefused } from '../../platform/net/guarded-request.ts';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsoleClinic, type ConsoleClinic } from '../../../test/console-clinic.ts';
import {
  addAccount,
  signIn,
  startIdentityApp,
  type Client,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { checkJwksUrl, fetchJwks, type JwksUrlPolicy } from './fhir.jwks-url.ts';

let h: IdentityApp;
let c: ConsoleClinic;
let admin: Client;
let server: Server;
let origin: string;
const served = new Map<string, string>();
const fetched: string[] = [];

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = JSON.stringify({ keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'u1' }] });

beforeAll(async () => {
  server = createServer((req, res) => {
    fetched.push(req.url!);
    const body = served.get(req.url!);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h = await startIdentityApp();
  c = await openConsoleClinic(h, 'fhir-jwks-url');
  admin = await signIn(h, await addAccount(h, c.org, { roles: ['admin'] }));
}, 120_000);
afterAll(async () => {
  await h.close();
  await new Promise((resolve) => server.close(resolve));
});

async function registerAt(path: string, body: string | undefined) {
  if (body !== undefined) served.set(path, body);
  const reg = await admin.post('/api/admin/fhir-clients', {
    name: 'Keys by URL',
    jwks_uri: `${origin}${path}`,
    scopes: ['system/Appointment.rs'],
  });
  expect(reg.statusCode, reg.body).toBe(201);
  return reg.json().clientId as string;
}

async function askToken(clientId: string, key = rsa.privateKey, kid = 'u1') {
  const aud = (await h.app.inject({ url: '/fhir/.well-known/smart-configuration' })).json()
    .token_endpoint as string;
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(h.clock.now().getTime() / 1000);
  const head = enc({ alg: 'RS384', kid, typ: 'JWT' });
  const body = enc({ iss: clientId, sub: clientId, aud, exp: now + 240, jti: crypto.randomUUID() });
  const sig = sign('sha384', Buffer.from(`${head}.${body}`), key).toString('base64url');
  return h.app.inject({
    method: 'POST',
    url: '/fhir/auth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      scope: 'system/Appointment.rs',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: `${head}.${body}.${sig}`,
    }).toString(),
  });
}

describe('SMART Backend Services clients with a JWKS URL', () => {
  it('a token is issued with the keys fetched from the URL, which are then cached', async () => {
    const clientId = await registerAt('/good.json', jwks);
    const first = await askToken(clientId);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().access_token).toBeTruthy();
    const second = await askToken(clientId);
    expect(second.statusCode, second.body).toBe(200);
    expect(fetched.filter((u) => u === '/good.json')).toHaveLength(1);
  });

  it('a kid not in the cached keys refetches the URL at once, at most once a minute', async () => {
    const jwkOf = (k: ReturnType<typeof generateKeyPairSync>, kid: string) => ({
      ...k.publicKey.export({ format: 'jwk' }),
      kid,
    });
    const next = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const third = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientId = await registerAt('/rotating.json', jwks);
    expect((await askToken(clientId)).statusCode).toBe(200);
    // The client rotates to a new key: accepted without waiting for the cache to expire.
    served.set('/rotating.json', JSON.stringify({ keys: [jwkOf(next, 'u2')] }));
    const rotated = await askToken(clientId, next.privateKey, 'u2');
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(fetched.filter((u) => u === '/rotating.json')).toHaveLength(2);
    // Another unknown kid within the minute: no second early fetch, refused.
    served.set('/rotating.json', JSON.stringify({ keys: [jwkOf(third, 'u3')] }));
    const early = await askToken(clientId, third.privateKey, 'u3');
    expect(early.statusCode, early.body).toBe(401);
    expect(fetched.filter((u) => u === '/rotating.json')).toHaveLength(2);
    // A minute on, the unknown kid fetches again and the new key is taken.
    h.clock.advance(61_000);
    const later = await askToken(clientId, third.privateKey, 'u3');
    expect(later.statusCode, later.body).toBe(200);
    expect(fetched.filter((u) => u === '/rotating.json')).toHaveLength(3);
  });

  it('keys that cannot be had (missing, too large, not a JWKS) mean no token', async () => {
    const missing = await registerAt('/missing.json', undefined);
    const huge = await registerAt(
      '/huge.json',
      // The right key, padded past the size cap.
      JSON.stringify({ keys: [{ ...JSON.parse(jwks).keys[0], pad: 'x'.repeat(100_000) }] }),
    );
    const junk = await registerAt('/junk.json', '{"not":"a jwks"}');
    for (const id of [missing, huge, junk]) {
      const res = await askToken(id);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error).toBe('invalid_client');
    }
  });

  it('registration takes exactly one of jwks and jwks_uri, and a URL it can use', async () => {
    for (const body of [
      { name: 'Neither', scopes: ['system/Appointment.rs'] },
      {
        name: 'Both',
        jwks: JSON.parse(jwks),
        jwks_uri: `${origin}/good.json`,
        scopes: ['system/Appointment.rs'],
      },
      { name: 'Bad', jwks_uri: 'ftp://keys.example/jwks.json', scopes: ['system/Appointment.rs'] },
    ]) {
      const res = await admin.post('/api/admin/fhir-clients', body);
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('outside the test profile: https only, no private or loopback address, even by name', async () => {
    const strict = { allowHttp: false, allowPrivate: false };
    expect(checkJwksUrl('https://keys.example/jwks.json', strict).hostname).toBe('keys.example');
    for (const url of [
      'http://keys.example/jwks.json',
      'https://127.0.0.1/jwks.json',
      'https://10.1.2.3/jwks.json',
      'https://169.254.169.254/latest',
      'https://[::1]/jwks.json',
      'https://user:pw@keys.example/jwks.json',
    ]) {
      expect(() => checkJwksUrl(url, strict), url).toThrow();
    }
    // Development: http allowed, but a name resolving to loopback is still refused on connect.
    const port = (server.address() as AddressInfo).port;
    const before = fetched.length;
    await expect(
      fetchJwks(`http://localhost:${port}/good-by-name.json`, { ...strict, allowHttp: true }, 0),
    ).rejects.toThrow();
    expect(fetched.length).toBe(before);
    // DNS rebinding: a name that passes the URL check but resolves (here by an injected resolver)
    // to loopback is refused by the connection's own lookup; nothing is fetched.
    const asked: string[] = [];
    const rebinding = ((host: string, _o: unknown, cb: (e: null, a: object[]) => void) => {
      asked.push(host);
      cb(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as unknown as NonNullable<JwksUrlPolicy['resolve']>;
    const url = `http://keys.example:${port}/good.json`;
    expect(checkJwksUrl(url, { ...strict, allowHttp: true }).hostname).toBe('keys.example');
    await expect(
      fetchJwks(url, { ...strict, allowHttp: true, resolve: rebinding }, 0),
    ).rejects.toThrow(AddressRefused);
    expect(asked).toEqual(['keys.example']);
    expect(fetched.length).toBe(before);
  });
});
