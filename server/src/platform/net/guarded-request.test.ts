import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressRefused, guardedRequest, type Resolve } from './guarded-request.ts';

let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/moved') return void res.writeHead(302, { location: '/there' }).end();
    res.end('x'.repeat(req.url === '/big' ? 10_000 : 10));
  });
  server.on('connection', () => void connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

const answering = (address: string, family: number): Resolve =>
  ((_h: string, _o: unknown, cb: (e: null, a: object[]) => void) =>
    cb(null, [{ address, family }])) as unknown as Resolve;

describe('a guarded request', () => {
  it('refuses a public-looking name that resolves inward, before any connection', async () => {
    const before = connections;
    for (const [address, family] of [
      ['127.0.0.1', 4],
      ['::1', 6],
      ['::ffff:127.0.0.1', 6],
      ['169.254.169.254', 4],
      ['10.1.2.3', 4],
    ] as const) {
      const err = await guardedRequest(new URL(`http://api.example.test:${port}/`), {
        method: 'GET',
        timeoutMs: 2000,
        allowPrivate: false,
        resolve: answering(address, family),
      }).catch((e: unknown) => e);
      expect(err, address).toBeInstanceOf(AddressRefused);
    }
    expect(connections).toBe(before);
  });

  it('with the guard lifted: the body up to its cap, and a redirect returned, not followed', async () => {
    const url = (p: string) => new URL(`http://127.0.0.1:${port}${p}`);
    const ok = await guardedRequest(url('/'), {
      method: 'GET',
      timeoutMs: 2000,
      maxBytes: 100,
      allowPrivate: true,
    });
    expect([ok.status, ok.body.toString()]).toEqual([200, 'x'.repeat(10)]);
    const moved = await guardedRequest(url('/moved'), {
      method: 'GET',
      timeoutMs: 2000,
      allowPrivate: true,
    });
    expect([moved.status, moved.headers.location]).toEqual([302, '/there']);
    await expect(
      guardedRequest(url('/big'), {
        method: 'GET',
        timeoutMs: 2000,
        maxBytes: 100,
        allowPrivate: true,
      }),
    ).rejects.toThrow('response too large');
  });
});
