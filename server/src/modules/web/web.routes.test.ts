import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
const page = '<!doctype html><html><head><title>Hourglass</title></head><body></body></html>';

describe('the web app outside development', () => {
  let h: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'hourglass-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), page);
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js'), script);
    writeFileSync(path.join(webDir, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(script));
    h = await startTestApp({ env: { HOURGLASS_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('answers any page with the app as built, without the demo mailbox mark', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/appointments' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(page);
    expect(res.body).not.toContain('hourglass-dev-mailbox');
  });

  it("sends the build's Brotli copy of an asset to a browser that takes it, cached for a year", async () => {
    const url = '/assets/app-1a2b3c.js';
    const br = await h.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const plain = await h.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it("preloads the clinic's first request with the page", async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.headers.link).toBe('</api/organizations>; rel=preload; as=fetch; crossorigin');
  });

  it('has no outbox to show', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/dev/outbox' });
    expect(res.statusCode).toBe(404);
  });
});
