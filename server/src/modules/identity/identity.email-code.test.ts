import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  codeIn,
  nextMail,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { minutes } from '../../platform/time/clock.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { codePolicy } from './identity.codes.ts';

let h: IdentityApp;
let org: Org;

beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'codes');
});
afterAll(() => h.close());

/** Password accepted: the client owing its emailed code, and that code. */
async function passwordOnly(a: TestAccount, ip?: string) {
  const c = new Client(h, ip);
  const before = h.smtp.to(a.email);
  const res = await c.post('/api/auth/sign-in', {
    organization: org.slug,
    email: a.email,
    password: a.password,
  });
  expect(res.json().stage).toBe('mfa');
  return { c, code: codeIn(await nextMail(h.smtp, a.email, before)) };
}

/** A six-digit code that is not `code`. */
const other = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const patient = () => addAccount(h, org, { kind: 'patient', displayName: 'Ottoline Canarywood' });

describe('a patient without an authenticator signs in with an emailed code', () => {
  it('which completes sign-in once and is what the session asks for', async () => {
    const a = await patient();
    const { c, code } = await passwordOnly(a);
    const owing = (await c.get('/api/auth/session')).json();
    expect(owing).toMatchObject({ stage: 'mfa', mfaMethods: ['email'] });
    // A session owing its code reaches nothing but the second factor.
    expect((await c.get('/api/account/sessions')).statusCode).toBe(403);
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const full = (await c.get('/api/auth/session')).json();
    expect(full).toMatchObject({ stage: 'full', mfaMethods: [] });
    expect((await c.get('/api/account/sessions')).statusCode).toBe(200);
    // Spent: the same code does not complete another session's sign-in, nor this one again.
    const again = await passwordOnly(a);
    const reuse = await again.c.post('/api/auth/mfa/verify', { code });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().type).toBe('urn:hourglass:problem:code-rejected');
  });

  it('whose mail carries the code and nothing about the person', async () => {
    const a = await patient();
    const before = h.smtp.to(a.email);
    await passwordOnly(a);
    const mail = (await nextMail(h.smtp, a.email, before)).text;
    expect(mail).toMatch(/\b\d{6}\b/);
    for (const phi of ['Ottoline', 'Canarywood', a.email, a.email.split('@')[0]!]) {
      expect(mail).not.toContain(phi);
    }
  });

  it('which is refused when wrong, and when expired (10 minutes)', async () => {
    const a = await patient();
    const { c, code } = await passwordOnly(a);
    const wrong = await c.post('/api/auth/mfa/verify', { code: other(code) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe('urn:hourglass:problem:code-rejected');
    h.clock.advance(minutes(10) + 1_000);
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(401);
    expect((await c.get('/api/auth/session')).json().stage).toBe('mfa');
  });

  it('is throttled like TOTP attempts, and dies after five wrong tries', async () => {
    const a = await patient();
    const { c, code } = await passwordOnly(a, '198.51.100.61');
    for (let i = 0; i < 3; i++) {
      expect((await c.post('/api/auth/mfa/verify', { code: other(code) })).statusCode).toBe(401);
    }
    const throttled = await c.post('/api/auth/mfa/verify', { code });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().type).toBe('urn:hourglass:problem:too-many-attempts');
    for (let i = 0; i < 2; i++) {
      h.clock.advance(minutes(1));
      expect((await c.post('/api/auth/mfa/verify', { code: other(code) })).statusCode).toBe(401);
    }
    // Five failures: even the right code no longer works.
    h.clock.advance(minutes(1));
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(401);
    const attempts = (await listAuditEvents(h.db)).filter(
      (e) => e.action === 'identity.mfa.verify' && e.actor_id === a.account.id,
    );
    expect(attempts.map((e) => e.outcome)).toEqual([
      'failed',
      'failed',
      'failed',
      'denied',
      'failed',
      'failed',
      'failed',
    ]);
  });

  it('can be sent again: the new code replaces the old, at most ten sends an hour', async () => {
    const a = await patient();
    const { c, code: first } = await passwordOnly(a, '198.51.100.62');
    const before = h.smtp.to(a.email);
    const resent = await c.post('/api/auth/mfa/email-code');
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({ next: 'check-email' });
    const second = codeIn(await nextMail(h.smtp, a.email, before));
    // The sign-in's code, the one above, and eight more: ten in the hour.
    for (let i = 0; i < codePolicy.maxSends - 2; i++) {
      expect((await c.post('/api/auth/mfa/email-code')).statusCode).toBe(202);
    }
    const capped = await c.post('/api/auth/mfa/email-code');
    expect(capped.statusCode).toBe(429);
    expect(capped.json().retryAfterSeconds).toBeGreaterThan(0);
    const sends = (await listAuditEvents(h.db)).filter(
      (e) => e.action === 'identity.mfa.email_code' && e.actor_id === a.account.id,
    );
    expect(sends.map((e) => e.outcome)).toEqual([
      ...Array<string>(codePolicy.maxSends).fill('success'),
      'denied',
    ]);
    if (first !== second) {
      expect((await c.post('/api/auth/mfa/verify', { code: first })).statusCode).toBe(401);
    }
    // The newest code sent is the one that works.
    const newest = codeIn(h.smtp.to(a.email).at(-1)!);
    h.clock.advance(minutes(1));
    expect((await c.post('/api/auth/mfa/verify', { code: newest })).statusCode).toBe(200);
    // An hour after the first send, sending works again (for a new sign-in).
    h.clock.advance(minutes(60));
    const later = await passwordOnly(a, '198.51.100.62');
    expect((await later.c.post('/api/auth/mfa/verify', { code: later.code })).statusCode).toBe(200);
  });

  it('is not offered to a session that owes nothing, and not to anyone signed out', async () => {
    const a = await patient();
    const { c, code } = await passwordOnly(a);
    await c.post('/api/auth/mfa/verify', { code });
    const nothingOwed = await c.post('/api/auth/mfa/email-code');
    expect(nothingOwed.statusCode).toBe(409);
    expect(nothingOwed.json().type).toBe('urn:hourglass:problem:mfa-not-pending');
    expect((await new Client(h).post('/api/auth/mfa/email-code')).statusCode).toBe(401);
  });

  it('keeps step-up working with the password', async () => {
    const a = await patient();
    const { c, code } = await passwordOnly(a);
    await c.post('/api/auth/mfa/verify', { code });
    h.clock.advance(minutes(6));
    const stepUp = await c.post('/api/auth/step-up', { password: a.password });
    expect(stepUp.statusCode).toBe(204);
    expect((await c.get('/api/auth/session')).json().steppedUpAt).toBe(h.clock.now().toISOString());
  });
});
