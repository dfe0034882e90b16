import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addAccount,
  addOrganization,
  addProvider,
  Client,
  codeIn,
  nextCode,
  nextMail,
  registration,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from '../../../test/identity-fixtures.ts';
import { listAuditEvents } from '../audit/audit.store.ts';
import { findAccountByAddress } from './identity.vault.ts';
import { hours, minutes } from '../../platform/time/clock.ts';

/** Flows that go through email, sent over STARTTLS to a real SMTP server. */
let h: IdentityApp;
let org: Org;
let admin: TestAccount;
beforeAll(async () => {
  h = await startIdentityApp();
  org = await addOrganization(h, 'mailflows', 'Harbor Clinic');
  admin = await addAccount(h, org, { roles: ['admin'] });
});
afterAll(() => h.close());

const newPassword = 'quiet maple window 77';

describe('inviting a workforce user', () => {
  it('mails a single-use link; the invitee sets a password and must enroll an authenticator at first sign-in', async () => {
    const a = await signIn(h, admin);
    const providerId = await addProvider(h, org, 'Dr. Rivera');
    const res = await a.post('/api/admin/invitations', {
      email: 'New.Clinician@Example.test',
      displayName: 'Sam Rivera',
      roles: ['clinician'],
      providerId,
    });
    expect(res.statusCode).toBe(201);
    const mail = h.smtp.to('new.clinician@example.test').at(-1)!;
    expect(mail.secure).toBe(true); // STARTTLS, as required outside development
    expect(mail.text).not.toContain('Sam Rivera'); // links, no personal details
    const token = await h.smtp.lastToken('new.clinician@example.test', 'invitation');

    const weak = await new Client(h).post('/api/auth/invitations/accept', {
      token,
      password: 'harbor clinic rocks',
    });
    expect(weak.statusCode).toBe(400); // contains the organization's name; the link still works
    const ok = await new Client(h).post('/api/auth/invitations/accept', {
      token,
      password: newPassword,
    });
    expect(ok.statusCode).toBe(204);
    const again = await new Client(h).post('/api/auth/invitations/accept', {
      token,
      password: newPassword,
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().type).toBe('urn:hourglass:problem:link-expired');

    const c = new Client(h);
    const signedIn = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: 'new.clinician@example.test',
      password: newPassword,
    });
    expect(signedIn.json().stage).toBe('enroll');
    const [event] = await listAuditEvents(h.db, { requestId: String(ok.headers['x-request-id']) });
    expect(event).toMatchObject({ action: 'identity.account.create', outcome: 'success' });
  });

  it('expires after 72 hours', async () => {
    const a = await signIn(h, admin);
    await a.post('/api/admin/invitations', {
      email: 'late@example.test',
      displayName: 'Lee Late',
      roles: ['front_desk'],
    });
    const token = await h.smtp.lastToken('late@example.test', 'invitation');
    h.clock.advance(hours(72) + 1_000);
    const res = await new Client(h).post('/api/auth/invitations/accept', {
      token,
      password: newPassword,
    });
    expect(res.statusCode).toBe(400);
  });

  it('is for admins only', async () => {
    const manager = await signIn(h, await addAccount(h, org, { roles: ['manager'] }));
    const res = await manager.post('/api/admin/invitations', {
      email: 'x@example.test',
      displayName: 'X',
      roles: ['admin'],
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('a patient registering', () => {
  it('confirms their email by link before they can sign in', async () => {
    const email = 'pat.new@example.test';
    const c = new Client(h);
    const res = await c.post(
      '/api/auth/register',
      registration(org, email, { password: newPassword }),
    );
    expect(res.statusCode).toBe(202);
    const creds = { organization: org.slug, email, password: newPassword };
    expect((await new Client(h).post('/api/auth/sign-in', creds)).statusCode).toBe(401);

    const token = await h.smtp.lastToken(email, 'verify-email');
    expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(204);
    expect((await c.post('/api/auth/verify-email', { token })).statusCode).toBe(400);
    const signedIn = new Client(h);
    const before = h.smtp.to(email);
    expect((await signedIn.post('/api/auth/sign-in', creds)).json().stage).toBe('mfa');
    const code = codeIn(await nextMail(h.smtp, email, before));
    expect((await signedIn.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const session = (await signedIn.get('/api/auth/session')).json();
    expect(session.account).toMatchObject({ kind: 'patient', roles: [] });
    expect(session.account.patientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('with a weak password is told why, and nothing is created', async () => {
    const res = await new Client(h).post(
      '/api/auth/register',
      registration(org, 'weak@example.test', { password: 'passwordpassword' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/body/password');
    expect(await findAccountByAddress(h.db, h.vault, org.id, 'weak@example.test')).toBeUndefined();
    expect(h.smtp.to('weak@example.test')).toEqual([]);
  });

  it('with an email that already has an account tells that account’s owner instead', async () => {
    const existing = await addAccount(h, org, { kind: 'patient' });
    await new Client(h).post(
      '/api/auth/register',
      registration(org, existing.email, { password: newPassword }),
    );
    const notice = await h.smtp.waitFor(existing.email, (m) => m.subject.startsWith('Someone'));
    expect(notice.subject).toBe('Someone tried to register with your email');
  });
});

describe('resetting a password', () => {
  it('works once by emailed link, ends every session, tells the person, and still asks for the second factor', async () => {
    const a = await addAccount(h, org, { roles: ['front_desk'] });
    const before = await signIn(h, a);
    await new Client(h).post('/api/auth/password-reset', {
      organization: org.slug,
      email: a.email,
    });
    const token = await h.smtp.lastToken(a.email, 'reset-password');

    const reset = await new Client(h).post('/api/auth/password-reset/complete', {
      token,
      newPassword,
    });
    expect(reset.statusCode).toBe(204);
    expect((await before.get('/api/auth/session')).statusCode).toBe(401);
    expect(h.smtp.to(a.email).at(-1)!.subject).toBe('Your password changed');

    const again = await new Client(h).post('/api/auth/password-reset/complete', {
      token,
      newPassword: 'another fine passphrase',
    });
    expect(again.statusCode).toBe(400);

    const c = new Client(h);
    const res = await c.post('/api/auth/sign-in', {
      organization: org.slug,
      email: a.email,
      password: newPassword,
    });
    expect(res.json().stage).toBe('mfa');
    expect((await c.get('/api/account/sessions')).statusCode).toBe(403);
    const code = await nextCode(h.clock, a.totpSecret!);
    expect((await c.post('/api/auth/mfa/verify', { code })).statusCode).toBe(200);
  });

  it('expires 30 minutes after it was sent', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    await new Client(h, '198.51.100.90').post('/api/auth/password-reset', {
      organization: org.slug,
      email: a.email,
    });
    const token = await h.smtp.lastToken(a.email, 'reset-password');
    h.clock.advance(minutes(30) + 1_000);
    const res = await new Client(h).post('/api/auth/password-reset/complete', {
      token,
      newPassword,
    });
    expect(res.statusCode).toBe(400);
  });

  it('sends nothing for an unknown email', async () => {
    const known = await addAccount(h, org, { kind: 'patient' });
    await new Client(h, '198.51.100.91').post('/api/auth/password-reset', {
      organization: org.slug,
      email: 'unknown-person@example.test',
    });
    await new Client(h, '198.51.100.92').post('/api/auth/password-reset', {
      organization: org.slug,
      email: known.email,
    });
    await h.smtp.lastToken(known.email, 'reset-password'); // sent after the unknown one
    expect(h.smtp.to('unknown-person@example.test')).toEqual([]);
  });
});

describe('changing a password', () => {
  it('needs the current one, signs other devices out, keeps this one, and tells the person', async () => {
    const a = await addAccount(h, org, { kind: 'patient' });
    const phone = await signIn(h, a, '203.0.113.1');
    const laptop = await signIn(h, a, '203.0.113.2');
    const wrong = await laptop.post('/api/account/password', {
      currentPassword: 'not-my-password-1',
      newPassword,
    });
    expect(wrong.statusCode).toBe(400);
    const res = await laptop.post('/api/account/password', {
      currentPassword: a.password,
      newPassword,
    });
    expect(res.statusCode).toBe(204);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(200);
    expect(h.smtp.to(a.email).at(-1)!.subject).toBe('Your password changed');
  });
});
