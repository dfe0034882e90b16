import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { ConfigError } from '../../config.ts';
import { createTestDb, testConfig, type TestDb } from '../../../test/harness.ts';
import {
  Client,
  codeIn,
  startIdentityApp,
  type IdentityApp,
} from '../../../test/identity-fixtures.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { demoAccounts } from './identity.demo.ts';
import { totpCode } from './identity.totp.ts';

let h: IdentityApp;
beforeAll(async () => {
  h = await startIdentityApp();
  await seedDemo(h.db, h.vault);
});
afterAll(() => h.close());

describe('the demo accounts', () => {
  it('exist once for each role and a patient, however often seeding runs', async () => {
    await seedDemo(h.db, h.vault);
    const { rows } = await h.db.query<{ kind: string; roles: string[] }>(
      'select kind, roles from accounts where is_demo order by email',
    );
    expect(rows).toHaveLength(6);
    expect(rows.flatMap((r) => (r.kind === 'patient' ? ['patient'] : r.roles)).sort()).toEqual([
      'admin',
      'clinician',
      'compliance_officer',
      'front_desk',
      'manager',
      'patient',
    ]);
  });

  it('sign in with the published password and TOTP secret (the patient: an emailed code)', async () => {
    for (const a of demoAccounts) {
      const c = new Client(h);
      const res = await c.post('/api/auth/sign-in', {
        organization: 'demo',
        email: a.email,
        password: a.password,
      });
      expect(res.statusCode, a.role).toBe(200);
      expect(res.json().stage, a.role).toBe('mfa');
      if (a.role === 'patient') {
        // The demo patient's second factor is a code emailed to it (the development outbox).
        const code = codeIn(await h.smtp.waitFor(a.email, (m) => m.subject.includes('sign-in')));
        expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
        expect((await c.get('/api/auth/session')).json().account.kind).toBe('patient');
        continue;
      }
      h.clock.advance(30_000);
      const code = await totpCode(a.totpSecret, h.clock.now());
      expect((await c.post('/api/auth/mfa/verify', { code })).statusCode, a.role).toBe(200);
      expect((await c.get('/api/auth/session')).json().account.roles).toEqual([a.role]);
    }
  });
});

describe('the production profile', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.drop());

  it('refuses to start on a database holding demo accounts', async () => {
    const dev = await buildApp({ config: testConfig(), db: db.db });
    await seedDemo(dev.db, dev.vault);
    await dev.app.close();
    const production = { ...testConfig(), profile: 'production' as const };
    await expect(buildApp({ config: production, db: db.db })).rejects.toBeInstanceOf(ConfigError);
  });
});
