import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { minutes } from '../../platform/time/clock.ts';
import { sessionCookieName } from './identity.cookie.ts';
import { hashToken } from './identity.secrets.ts';

let h: IdentityApp;
let org: Org;
let admin: TestAccount;
beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'sessions');
  admin = await addAccount(h, org, { roles: ['admin'] });
});
afterAll(() => h.close());

const whoAmI = async (c: Client) => (await c.get('/api/auth/session')).statusCode;

describe('signing in', () => {
  it('sets an opaque session token in a __Host- cookie that scripts and other sites cannot use', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { organization: org.slug, email: a.email, password: a.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${sessionCookieName}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toContain('; Path=/;');
    expect(cookie).toContain('; Secure;');
    expect(cookie).toContain('; HttpOnly;');
    expect(cookie).toContain('; SameSite=Strict;');
    expect(cookie).not.toMatch(/Domain=/i);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const { rows } = await h.db.query('select * from sessions where token_hash = $1', [
      hashToken(token),
    ]);
    expect(rows).toHaveLength(1); // the database keeps the token's SHA-256 ...
    const all = await h.db.query('select * from sessions');
    expect(JSON.stringify(all.rows)).not.toContain(token); // ... and never the token
  });

  it('lands a workforce user without an authenticator in enrollment, where nothing else is reachable', async () => {
    const a = await addAccount(h, org, { roles: ['manager'], mfa: false });
    const c = new Client(h);
    const res = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    expect(res.json()).toEqual({ stage: 'enroll' });
    expect((await c.get('/api/auth/session')).json().stage).toBe('enroll');
    expect((await c.get('/api/account/sessions')).statusCode).toBe(403);
    expect((await c.post('/api/auth/step-up', { password: a.password })).statusCode).toBe(403);
  });

  it('records sign-in success and failure in the audit trail by id, never by email', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const c = new Client(h, '198.51.100.41');
    const bad = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: 'not-the-password-at-all',
    });
    const good = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    const [failed] = await listAuditEvents(h.db, {
      requestId: String(bad.headers['x-request-id']),
    });
    const [ok] = await listAuditEvents(h.db, { requestId: String(good.headers['x-request-id']) });
    expect(failed).toMatchObject({
      action: 'identity.sign_in',
      outcome: 'failed',
      resource_id: a.account.id,
    });
    expect(ok).toMatchObject({
      action: 'identity.sign_in',
      outcome: 'success',
      actor_id: a.account.id,
    });
    expect(JSON.stringify([failed, ok])).not.toContain(a.email);
  });
});

describe('automatic logoff, enforced on the server', () => {
  it('ends a workforce session after 15 idle minutes', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    h.clock.advance(minutes(14));
    expect(await whoAmI(c)).toBe(200); // activity resets the idle timer
    h.clock.advance(minutes(14));
    expect(await whoAmI(c)).toBe(200);
    h.clock.advance(minutes(15));
    expect(await whoAmI(c)).toBe(401);
    h.clock.advance(minutes(-15)); // even with time turned back, the ended session stays ended
    expect(await whoAmI(c)).toBe(401);
    h.clock.advance(minutes(15));
  });

  it('ends a patient session after 30 idle minutes, not 15', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    h.clock.advance(minutes(29));
    expect(await whoAmI(c)).toBe(200);
    h.clock.advance(minutes(30));
    expect(await whoAmI(c)).toBe(401);
  });

  it('ends a busy workforce session at its 12-hour absolute lifetime', async () => {
    const c = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
    for (let i = 0; i < 71; i++) {
      h.clock.advance(minutes(10));
      expect(await whoAmI(c)).toBe(200);
    }
    h.clock.advance(minutes(10)); // 12 h after sign-in
    expect(await whoAmI(c)).toBe(401);
    const { rows } = await h.db.query<{ n: number }>(
      "select count(*)::int as n from sessions where end_reason = 'expired'",
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('ends a patient session at 24 hours however busy', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    for (let i = 0; i < 24 * 3 - 1; i++) {
      h.clock.advance(minutes(20));
      expect(await whoAmI(c)).toBe(200);
    }
    h.clock.advance(minutes(20));
    expect(await whoAmI(c)).toBe(401);
  });

  it("follows the organization's own stricter limits, and refuses limits beyond the safe bounds", async () => {
    const a = await signIn(h, admin);
    const tooLoose = await a.request('PUT', '/api/admin/session-policy', {
      workforceIdleMinutes: 60,
      workforceAbsoluteHours: 12,
      patientIdleMinutes: 30,
      patientAbsoluteHours: 24,
    });
    expect(tooLoose.statusCode).toBe(400);
    const strict = await a.request('PUT', '/api/admin/session-policy', {
      workforceIdleMinutes: 5,
      workforceAbsoluteHours: 8,
      patientIdleMinutes: 10,
      patientAbsoluteHours: 12,
    });
    expect(strict.statusCode).toBe(204);
    const c = await signIn(h, await addAccount(h, org, { roles: ['front_desk'] }));
    expect((await c.get('/api/auth/session')).json().idleTimeoutSeconds).toBe(300);
    h.clock.advance(minutes(5));
    expect(await whoAmI(c)).toBe(401);
    await a.request('PUT', '/api/admin/session-policy', {
      workforceIdleMinutes: 15,
      workforceAbsoluteHours: 12,
      patientIdleMinutes: 30,
      patientAbsoluteHours: 24,
    });
  });
});

describe('session tokens', () => {
  it('are replaced when the second factor completes sign-in, and the old one stops working', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = new Client(h);
    await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    const before = c.cookie;
    h.clock.advance(30_000);
    const { totpCode } = await import('./identity.totp.ts');
    await c.post('/api/auth/mfa/verify', { code: await totpCode(a.totpSecret!, h.clock.now()) });
    expect(c.cookie).toBeDefined();
    expect(c.cookie).not.toBe(before);
    const stale = new Client(h);
    stale.cookie = before;
    expect(await whoAmI(stale)).toBe(401);
    expect(await whoAmI(c)).toBe(200);
  });

  it('are new at every sign-in', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const first = await signIn(h, a);
    const second = await signIn(h, a);
    expect(first.cookie).not.toBe(second.cookie);
  });
});

describe('signing out', () => {
  it('ends the session on the server: the old cookie no longer works', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const token = c.cookie;
    expect((await c.post('/api/auth/sign-out')).statusCode).toBe(204);
    const replay = new Client(h);
    replay.cookie = token;
    expect(await whoAmI(replay)).toBe(401);
  });

  it('happens everywhere at once when an admin disables the account', async () => {
    const target = await addAccount(h, org, { roles: ['front_desk'] });
    const phone = await signIn(h, target, '203.0.113.50');
    const desk = await signIn(h, target, '203.0.113.51');
    const a = await signIn(h, admin);
    expect((await a.post(`/api/admin/accounts/${target.account.id}/disable`)).statusCode).toBe(200);
    expect(await whoAmI(phone)).toBe(401);
    expect(await whoAmI(desk)).toBe(401);
    const again = await new Client(h).post('/api/auth/sign-in', {
      organization: org.slug,
      email: target.email,
      password: target.password,
    });
    expect(again.statusCode).toBe(401);
  });

  it('happens everywhere when an admin revokes a user’s sessions', async () => {
    const target = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, target);
    const a = await signIn(h, admin);
    const res = await a.request('DELETE', `/api/admin/accounts/${target.account.id}/sessions`);
    expect(res.json()).toEqual({ ended: 1 });
    expect(await whoAmI(c)).toBe(401);
  });
});

describe('your devices', () => {
  it('lists where you are signed in, and signs one device out', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const laptop = await signIn(h, a, '203.0.113.77');
    const phone = new Client(h, '10.1.2.3');
    await phone.request(
      'POST',
      '/api/auth/sign-in',
      { organization: org.slug, email: a.email, password: a.password },
      { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1' },
    );
    const list = (await laptop.get('/api/account/sessions')).json().sessions;
    expect(list).toHaveLength(2);
    expect(list.map((s: { device: string }) => s.device).sort()).toEqual([
      'Firefox on Windows',
      'Safari on iOS',
    ]);
    expect(list.find((s: { current: boolean }) => s.current).location).toBe('Network 203.0.x.x');
    const phoneSession = list.find((s: { current: boolean }) => !s.current);
    expect(phoneSession.location).toBe('Local network');
    const revoke = await laptop.request('DELETE', `/api/account/sessions/${phoneSession.id}`);
    expect(revoke.statusCode).toBe(204);
    expect(await whoAmI(phone)).toBe(401);
    expect(await whoAmI(laptop)).toBe(200);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a state change from another site, and changes nothing', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const res = await c.request(
      'POST',
      '/api/auth/sign-out',
      {},
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('urn:hourglass:problem:cross-site-request');
    expect(await whoAmI(c)).toBe(200);
  });

  it('refuses a cookie-carrying state change that shows no same-origin evidence', async () => {
    const c = await signIn(h, await addAccount(h, org, { kind: 'patient' }));
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: `${sessionCookieName}=${c.cookie}` },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(await whoAmI(c)).toBe(200);
  });

  it('refuses a sign-in posted from another site', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const res = await new Client(h).request(
      'POST',
      '/api/auth/sign-in',
      { organization: org.slug, email: a.email, password: a.password },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
