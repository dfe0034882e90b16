import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';

const page = '<!doctype html><html><head><title>Hourglass</title></head><body></body></html>';

describe('the web app outside development', () => {
  let h: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = mkdtempSync(path.join(tmpdir(), 'hourglass-web-'));
    mkdirSync(path.join(webDir, 'assets'));
    writeFileSync(path.join(webDir, 'index.html'), page);
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

  it('has no outbox to show', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/dev/outbox' });
    expect(res.statusCode).toBe(404);
  });
});
