import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  codeIn,
  nextCode,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { minutes } from '../../platform/time/clock.ts';
import { totpCode } from './identity.totp.ts';

let h: IdentityApp;
let org: Org;
beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'mfa');
});
afterAll(() => h.close());

async function passwordOnly(a: TestAccount, ip?: string) {
  const c = new Client(h, ip);
  const res = await c.post('/api/auth/sign-in', {
    organization: org.slug,
    email: a.email,
    password: a.password,
  });
  return { c, stage: res.json().stage as string };
}

describe('enrolling an authenticator at first sign-in', () => {
  it('is required of workforce before anything else, and completes sign-in with ten recovery codes', async () => {
    const a = await addAccount(h, org, { roles: ['clinician', 'front_desk'], mfa: false });
    const { c, stage } = await passwordOnly(a);
    expect(stage).toBe('enroll');
    const start = await c.post('/api/auth/mfa/enrollment');
    expect(start.statusCode).toBe(200);
    const { secret, otpauthUri } = start.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Hourglass:/);
    expect(otpauthUri).toContain(`secret=${secret}`);

    const wrong = await c.post('/api/auth/mfa/enrollment/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect((await c.get('/api/auth/session')).json().stage).toBe('enroll');

    const before = c.cookie;
    const confirm = await c.post('/api/auth/mfa/enrollment/confirm', {
      code: await totpCode(secret, h.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    const codes = confirm.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(c.cookie).not.toBe(before);
    expect((await c.get('/api/auth/session')).json()).toMatchObject({
      stage: 'full',
      account: { mfaEnabled: true },
    });
    // The person is told their sign-in security changed.
    expect(h.smtp.to(a.email).map((m) => m.subject)).toContain('Your sign-in security changed');
    // Recovery codes are stored hashed.
    const { rows } = await h.db.query('select * from recovery_codes where account_id = $1', [
      a.account.id,
    ]);
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(rows)).not.toContain(codes[0]!.replaceAll('-', ''));
  });

  it('is offered to patients, who sign in with an emailed code until they enroll one', async () => {
    const p = await addAccount(h, org, { kind: 'patient' });
    const { c, stage } = await passwordOnly(p);
    expect(stage).toBe('mfa');
    expect((await c.get('/api/auth/session')).json().mfaMethods).toEqual(['email']);
    const mailed = await h.smtp.waitFor(p.email, (m) => m.subject.includes('sign-in code'));
    expect((await c.post('/api/auth/mfa/verify', { code: codeIn(mailed) })).statusCode).toBe(200);
    const start = await c.post('/api/auth/mfa/enrollment');
    expect(start.statusCode).toBe(200);
    await c.post('/api/auth/mfa/enrollment/confirm', {
      code: await totpCode(start.json().secret, h.clock.now()),
    });
    const next = await passwordOnly(p);
    expect(next.stage).toBe('mfa');
    expect((await next.c.get('/api/auth/session')).json().mfaMethods).toEqual(['totp', 'recovery']);
    // Enrolled, the account is not offered an emailed code any more.
    const refused = await next.c.post('/api/auth/mfa/email-code');
    expect(refused.json().type).toBe('urn:hourglass:problem:email-code-not-offered');
  });
});

describe('a TOTP code', () => {
  it('completes sign-in once; the same code replayed inside its window is refused', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const code = await nextCode(h.clock, a.totpSecret!);
    const first = await passwordOnly(a);
    expect((await first.c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    h.clock.advance(5_000); // still inside the same 30-second step
    const second = await passwordOnly(a);
    const replay = await second.c.post('/api/auth/mfa/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('urn:hourglass:problem:code-rejected');
    expect((await second.c.get('/api/auth/session')).json().stage).toBe('mfa');
    // The next step's code works.
    const fresh = await nextCode(h.clock, a.totpSecret!);
    expect((await second.c.post('/api/auth/mfa/verify', { code: fresh })).statusCode).toBe(200);
  });

  it('from an old window is refused', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const old = await totpCode(a.totpSecret!, new Date(h.clock.now().getTime() - 120_000));
    const { c } = await passwordOnly(a);
    expect((await c.post('/api/auth/mfa/verify', { code: old })).statusCode).toBe(401);
  });

  it('is needed: a session owing it reaches nothing but verification', async () => {
    const a = await addAccount(h, org, { roles: ['admin'] });
    const { c, stage } = await passwordOnly(a);
    expect(stage).toBe('mfa');
    expect((await c.get('/api/admin/accounts')).statusCode).toBe(403);
    expect((await c.get('/api/account/sessions')).statusCode).toBe(403);
  });
});

describe('recovery codes', () => {
  it('each complete a sign-in once, and are recorded in the audit trail', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, a);
    const codes = (await c.post('/api/account/recovery-codes')).json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);

    const first = await passwordOnly(a);
    const used = await first.c.post('/api/auth/mfa/verify', { recoveryCode: codes[3] });
    expect(used.statusCode).toBe(200);
    const [event] = await listAuditEvents(h.db, {
      requestId: String(used.headers['x-request-id']),
    });
    expect(event).toMatchObject({ action: 'identity.mfa.recovery_code_used', outcome: 'success' });

    const second = await passwordOnly(a);
    const again = await second.c.post('/api/auth/mfa/verify', { recoveryCode: codes[3] });
    expect(again.statusCode).toBe(401);
    // Typed in upper case without dashes, another code still works.
    const typed = codes[4]!.replaceAll('-', '').toUpperCase();
    expect((await second.c.post('/api/auth/mfa/verify', { recoveryCode: typed })).statusCode).toBe(
      200,
    );
  });

  it('are all replaced when regenerated: the old ones stop working', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, a);
    const old = (await c.post('/api/account/recovery-codes')).json().recoveryCodes as string[];
    await c.post('/api/account/recovery-codes');
    const { c: next } = await passwordOnly(a);
    expect((await next.post('/api/auth/mfa/verify', { recoveryCode: old[0] })).statusCode).toBe(
      401,
    );
  });
});

describe('step-up for sensitive actions', () => {
  it('lets a role change through within 5 minutes of a fresh password, and not after', async () => {
    const admin = await addAccount(h, org, { roles: ['admin'] });
    const target = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, admin);
    const change = () =>
      c.request('PUT', `/api/admin/accounts/${target.account.id}/roles`, {
        roles: ['front_desk', 'manager'],
        locationIds: [],
      });
    expect((await change()).statusCode).toBe(200); // sign-in itself was fresh
    h.clock.advance(minutes(5) + 1_000);
    const stale = await change();
    expect(stale.statusCode).toBe(403);
    expect(stale.json().type).toBe('urn:hourglass:problem:step-up-required');

    const wrong = await c.post('/api/auth/step-up', { password: 'definitely-not-it-123' });
    expect(wrong.statusCode).toBe(400);
    expect((await change()).statusCode).toBe(403);

    expect((await c.post('/api/auth/step-up', { password: admin.password })).statusCode).toBe(204);
    expect((await change()).statusCode).toBe(200);
    h.clock.advance(minutes(4));
    expect((await change()).statusCode).toBe(200);
    h.clock.advance(minutes(1) + 1_000);
    expect((await change()).statusCode).toBe(403);
  });

  it('accepts a fresh authenticator code instead of the password', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, a);
    h.clock.advance(minutes(6));
    expect((await c.post('/api/account/recovery-codes')).statusCode).toBe(403);
    const code = await nextCode(h.clock, a.totpSecret!);
    expect((await c.post('/api/auth/step-up', { code })).statusCode).toBe(204);
    expect((await c.post('/api/account/recovery-codes')).statusCode).toBe(200);
  });

  it('guards replacing an enrolled authenticator', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = await signIn(h, a);
    h.clock.advance(minutes(6));
    const res = await c.post('/api/auth/mfa/enrollment');
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('urn:hourglass:problem:step-up-required');
  });

  it('a role change ends the changed user’s sessions: new privileges need a new sign-in', async () => {
    const admin = await addAccount(h, org, { roles: ['admin'] });
    const target = await addAccount(h, org, { roles: ['front_desk'] });
    const t = await signIn(h, target);
    const c = await signIn(h, admin);
    await c.request('PUT', `/api/admin/accounts/${target.account.id}/roles`, {
      roles: ['manager'],
      locationIds: [],
    });
    expect((await t.get('/api/auth/session')).statusCode).toBe(401);
    const again = await signIn(h, target);
    expect((await again.get('/api/auth/session')).json().account.roles).toEqual(['manager']);
    const events = await listAuditEvents(h.db);
    expect(
      events.some(
        (e) => e.action === 'identity.account.roles_change' && e.resource_id === target.account.id,
      ),
    ).toBe(true);
  });
});
