import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { publicAccess } from '../../modules/access/access.policy.ts';
import { loadConfig } from '../../config.ts';
import { route, type App } from './route.ts';

// The client address feeds the audit trail (source address, sign-in country) and throttling, so
// behind a proxy only the proxy's own X-Forwarded-For may move it.

function echoAddress(app: App) {
  route(app, {
    method: 'GET',
    url: '/api/test/client-address',
    access: publicAccess,
    audit: 'none',
    schema: { response: { 200: z.object({ ip: z.string() }) } },
    handler: async (req) => ({ ip: req.ip }),
  });
}

async function addressSeen(h: TestApp, remoteAddress: string, forwardedFor?: string) {
  const res = await h.app.inject({
    method: 'GET',
    url: '/api/test/client-address',
    remoteAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  expect(res.statusCode).toBe(200);
  return res.json().ip as string;
}

describe('the client address', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await startTestApp({ extraRoutes: echoAddress });
    proxied = await startTestApp({
      env: { HOURGLASS_BEHIND_TLS_PROXY: 'true' },
      extraRoutes: echoAddress,
    });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('ignores X-Forwarded-For when no proxy is configured', async () => {
    expect(await addressSeen(direct, '198.51.100.7', '8.8.8.8')).toBe('198.51.100.7');
  });

  it('behind a proxy, believes only the proxy: a client cannot choose its own address', async () => {
    // The proxy (loopback) appends the address it saw to what the client sent.
    expect(await addressSeen(proxied, '127.0.0.1', '8.8.8.8, 198.51.100.7')).toBe('198.51.100.7');
    // A private-network proxy in front of another: the nearest untrusted hop is the client.
    expect(await addressSeen(proxied, '10.0.0.5', '198.51.100.7, 192.168.1.2')).toBe(
      '198.51.100.7',
    );
    // A public caller reaching the server directly is not a proxy; its header is ignored.
    expect(await addressSeen(proxied, '203.0.113.9', '8.8.8.8')).toBe('203.0.113.9');
  });

  it('takes the trusted proxies from HOURGLASS_TRUSTED_PROXIES and refuses a malformed list', () => {
    const proxies = (v: string) =>
      loadConfig({ HOURGLASS_BEHIND_TLS_PROXY: 'true', HOURGLASS_TRUSTED_PROXIES: v })
        .trustedProxies;
    expect(proxies('10.1.0.0/16, 2001:db8::1')).toEqual(['10.1.0.0/16', '2001:db8::1']);
    expect(loadConfig({}).trustedProxies).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    for (const bad of ['*', '10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/1', ' , '])
      expect(() => proxies(bad), bad).toThrow(/HOURGLASS_TRUSTED_PROXIES/);
  });
});
