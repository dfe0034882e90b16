import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/harness.ts';
import { Client } from '../../../test/identity-fixtures.ts';
import { seedDemo } from './demo.seed.ts';

describe('the development outbox', () => {
  it('shows the demo the links Hourglass mailed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hourglass-demo-'));
    const h = await startTestApp({
      env: { HOURGLASS_PROFILE: 'development', HOURGLASS_DATA_DIR: dir },
    });
    try {
      await seedDemo(h.db, h.vault);
      const c = new Client(h);
      await c.post('/api/auth/password-reset', {
        organization: 'demo',
        email: 'patient@demo.hourglass.invalid',
      });
      let res = await c.get('/api/dev/outbox');
      for (let i = 0; i < 100 && res.json().messages.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50)); // mailed after the response
        res = await c.get('/api/dev/outbox');
      }
      expect(res.statusCode).toBe(200);
      const [latest] = res.json().messages;
      expect(latest).toMatchObject({
        to: 'patient@demo.hourglass.invalid',
        subject: 'Reset your Hourglass password',
      });
      expect(latest.text).toMatch(/\/reset-password#token=[A-Za-z0-9_-]{43}/);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not exist outside development', async () => {
    const h = await startTestApp();
    try {
      expect((await h.app.inject({ method: 'GET', url: '/api/dev/outbox' })).statusCode).toBe(404);
    } finally {
      await h.close();
    }
  });
});
