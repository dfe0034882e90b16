import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  Client,
  registration,
  startIdentityApp,
  type IdentityApp,
  type Org,
} from '../../../test/identity-fixtures.ts';
import { Invalid } from '../../platform/http/errors.ts';
import { checkPasswordPolicy } from './identity.password.ts';
import { throttleDelaySeconds, throttlePolicy } from './identity.throttle.ts';

const person = {
  email: 'jordan.alvarez@example.test',
  displayName: 'Jordan Alvarez',
  organizationName: 'Lakeshore Pediatrics',
};

function refusal(password: string): string | undefined {
  try {
    checkPasswordPolicy(password, person);
    return undefined;
  } catch (err) {
    if (err instanceof Invalid) return err.message;
    throw err;
  }
}

describe('the password rules', () => {
  it('accept 12 characters or more with no composition rules, and paste-length passphrases', () => {
    expect(refusal('plain words here')).toBeUndefined();
    expect(refusal('ocean paper lamp')).toBeUndefined();
    expect(refusal('x'.repeat(40) + ' from a password manager ' + 'y'.repeat(60))).toBeUndefined();
  });

  it('refuse fewer than 12 characters and more than 128', () => {
    expect(refusal('short words')).toMatch(/at least 12/);
    expect(refusal('a'.repeat(7) + 'b'.repeat(122))).toMatch(/at most 128/);
    expect(refusal('ab'.repeat(64))).toBeUndefined();
  });

  it('refuse common and breached passwords from the bundled list, whatever their case', () => {
    expect(refusal('passwordpassword')).toMatch(/common or breached/);
    expect(refusal('QWERTYUIOPASDFGH')).toMatch(/common or breached/);
    expect(refusal('123456789012')).toMatch(/common or breached/);
  });

  it("refuse the person's own name or email, and the organization's name", () => {
    expect(refusal('alvarez-was-here-2030')).toMatch(/name or email/);
    expect(refusal('my jordan.alvarez@example.test')).toMatch(/name or email/);
    expect(refusal('Lakeshore Pediatrics 2030')).toMatch(/organization/);
    expect(refusal('i love lakeshore so much')).toMatch(/organization/);
  });

  it('never repeat the password in the error', () => {
    const message = refusal('passwordpassword')!;
    expect(message).not.toContain('passwordpassword');
  });
});

let h: IdentityApp;
let org: Org;
beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'passwords');
});
afterAll(() => h.close());

describe('stored passwords', () => {
  it('are argon2id hashes with 19 MiB of memory and two passes', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    expect(a.account.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a.account.password_hash).not.toContain(a.password);
  });
});

describe('enumeration-safe answers', () => {
  it('sign-in fails the same way for a wrong password and for an unknown account', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const wrong = await new Client(h, '198.51.100.1').post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: 'not-the-right-one-at-all',
    });
    const unknown = await new Client(h, '198.51.100.2').post('/api/auth/sign-in', {
      organization: org.slug,
      email: 'nobody-here@example.test',
      password: 'not-the-right-one-at-all',
    });
    const noOrg = await new Client(h, '198.51.100.3').post('/api/auth/sign-in', {
      organization: 'no-such-clinic',
      email: a.email,
      password: 'not-the-right-one-at-all',
    });
    const strip = (r: typeof wrong) => ({ ...r.json(), instance: '', requestId: '' });
    expect(wrong.statusCode).toBe(401);
    expect(strip(unknown)).toEqual(strip(wrong));
    expect(strip(noOrg)).toEqual(strip(wrong));
  });

  it('a password reset request answers the same for a known and an unknown email', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const known = await new Client(h, '198.51.100.4').post('/api/auth/password-reset', {
      organization: org.slug,
      email: a.email,
    });
    const unknown = await new Client(h, '198.51.100.5').post('/api/auth/password-reset', {
      organization: org.slug,
      email: 'nobody-here@example.test',
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
  });

  it('registering an email that already has an account answers like a new registration', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const body = (email: string) =>
      registration(org, email, { password: 'ocean paper lamp river' });
    const existing = await new Client(h, '198.51.100.6').post('/api/auth/register', body(a.email));
    const fresh = await new Client(h, '198.51.100.7').post(
      '/api/auth/register',
      body('brand-new@example.test'),
    );
    expect(existing.statusCode).toBe(202);
    expect(existing.body).toBe(fresh.body);
  });
});

describe('throttling', () => {
  it('grows the wait after repeated failures, up to 15 minutes and never forever', () => {
    const free = throttlePolicy.freeFailures.account;
    const curve = [1, 2, 3, 4, 5, 6, 8, 12, 14, 40].map((n) => throttleDelaySeconds(n, free));
    expect(curve).toEqual([0, 0, 1, 2, 4, 8, 32, 512, 900, 900]);
  });

  it('makes a caller wait after three failed sign-ins, refusing even the right password meanwhile', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const c = new Client(h, '192.0.2.20');
    const attempt = (password: string) =>
      c.post('/api/auth/sign-in', { organization: org.slug, email: a.email, password });
    for (let i = 0; i < 3; i++)
      expect((await attempt('wrong-password-guess')).statusCode).toBe(401);
    const waiting = await attempt(a.password);
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({
      type: 'urn:hourglass:problem:too-many-attempts',
      retryAfterSeconds: 1,
    });
    h.clock.advance(1_000);
    expect((await attempt('wrong-password-guess')).statusCode).toBe(401);
    const longer = await attempt(a.password);
    expect(longer.json().retryAfterSeconds).toBe(2);
    h.clock.advance(2_000);
    expect((await attempt(a.password)).statusCode).toBe(200);
    // Success clears the account's count: the next mistake costs nothing yet.
    expect((await attempt('wrong-password-guess')).statusCode).toBe(401);
    expect((await attempt('wrong-password-guess')).statusCode).toBe(401);
  });

  it('throttles an unknown email exactly like a known one', async () => {
    const c = new Client(h, '192.0.2.21');
    const attempt = () =>
      c.post('/api/auth/sign-in', {
        organization: org.slug,
        email: 'ghost@example.test',
        password: 'wrong-password-guess',
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    expect((await attempt()).json().retryAfterSeconds).toBe(1);
  });

  it('does not lock the account out: after the longest wait, the right password works', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    for (let i = 0; i < 15; i++) {
      h.clock.advance(15 * 60_000);
      await new Client(h, `192.0.2.${100 + i}`).post('/api/auth/sign-in', {
        organization: org.slug,
        email: a.email,
        password: 'attacker-guess-123',
      });
    }
    const owner = new Client(h, '192.0.2.99');
    const tooSoon = await owner.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    expect(tooSoon.json().retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    h.clock.advance(15 * 60_000);
    const later = await owner.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    expect(later.statusCode).toBe(200);
  });

  it('slows one source address spraying guesses across many accounts', async () => {
    const c = new Client(h, '192.0.2.66');
    for (let i = 0; i < throttlePolicy.freeFailures.address; i++) {
      await c.post('/api/auth/sign-in', {
        organization: org.slug,
        email: `spray-${i}@example.test`,
        password: 'Summer2030!Summer',
      });
    }
    const next = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: 'spray-new@example.test',
      password: 'Summer2030!Summer',
    });
    expect(next.statusCode).toBe(429);
  });

  it('throttles wrong authenticator codes', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const c = new Client(h, '192.0.2.30');
    await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: a.password,
    });
    for (let i = 0; i < 3; i++) {
      expect((await c.post('/api/auth/mfa/verify', { code: '000000' })).statusCode).toBe(401);
    }
    expect((await c.post('/api/auth/mfa/verify', { code: '000000' })).statusCode).toBe(429);
  });
});
