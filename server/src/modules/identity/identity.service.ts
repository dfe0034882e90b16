import { findOrganizationBySlug } from '../directory/directory.service.ts';
import { anonymous } from '../../platform/http/actor.ts';
import { Invalid } from '../../platform/http/errors.ts';
import {
  auditEntry,
  notify,
  type IdentityDeps,
  type RequestInfo,
  type Signed,
} from './identity.deps.ts';
import { SignInFailed } from './identity.errors.ts';
import { checkSecondFactor } from './identity.mfa.ts';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from './identity.password.ts';
import {
  endAllSessions,
  endSession,
  markSteppedUp,
  touchSession,
  type SessionRow,
} from './identity.session-store.ts';
import { actorFor, rotateSession, startSession, type IssuedSession } from './identity.sessions.ts';
import { organizationName as findOrganizationName } from '../directory/directory.service.ts';
import { updateAccount } from './identity.store.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { recordSuccess, throttleKeys } from './identity.throttle.ts';
import { accountDisplayName, accountEmail, findAccountByAddress } from './identity.vault.ts';
import { issueSignInCode, mailSignInCode, usesEmailCode } from './identity.mfa-email.ts';

export interface SignInResult extends IssuedSession {
  stage: SessionRow['stage'];
}

/**
 * Password sign-in. Throttled per account and per source address; every failure gets the same
 * answer and costs the same time (an unknown email is checked against a dummy hash). Workforce
 * accounts without TOTP land in the `enroll` stage, accounts with TOTP in `mfa`, and so do
 * patients without TOTP: they are emailed a sign-in code (identity.mfa-email.ts), after the answer.
 */
export async function signIn(
  deps: IdentityDeps,
  request: RequestInfo,
  input: { organization: string; email: string; password: string },
): Promise<SignInResult> {
  const { db, clock } = deps;
  // The country goes with sign-in events: the audit alerts know an account's countries from them.
  const req = { ...request, country: deps.countryOf?.(request.ip) ?? null };
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const org = await findOrganizationBySlug(db, input.organization);
  const keys = throttleKeys(org?.id ?? `slug:${input.organization}`, email, req.ip);
  const attempt = (resourceId: string | null) =>
    auditEntry(anonymous, 'identity.sign_in', req, { resourceId, organizationId: org?.id ?? null });
  await admitAttempt(deps, 'sign_in', keys, now, attempt(null));
  const account = org ? await findAccountByAddress(db, deps.vault, org.id, email) : undefined;
  const usable = account && account.status === 'active' && account.password_hash;
  const ok = usable
    ? await verifyPassword(account.password_hash!, input.password)
    : await verifyAgainstDummy(input.password);
  if (!ok || !account || !usable) {
    await failAttempt(deps, 'sign_in', keys, now, attempt(account?.id ?? null));
    throw new SignInFailed();
  }
  const signedIn = await db.transaction(async (tx) => {
    await recordSuccess(tx, 'sign_in', keys);
    const stage: SessionRow['stage'] =
      account.kind === 'workforce' && !account.totp_enabled_at ? 'enroll' : 'mfa';
    const issued = await startSession(tx, account, {
      stage,
      now,
      userAgent: req.userAgent,
      ip: req.ip,
      steppedUp: true,
    });
    const actor = actorFor(account, issued.session);
    await deps.audit.record(
      auditEntry(actor, 'identity.sign_in', req, {
        resourceType: 'session',
        resourceId: issued.session.id,
      }),
      tx,
    );
    const code = usesEmailCode(account)
      ? await issueSignInCode(deps, tx, req, { actor, account }, issued.session)
      : null;
    return { issued: { ...issued, stage }, code };
  });
  // After the answer: a mail server's delay or failure must not hold up or fail the sign-in
  // (the portal offers "send a new code").
  const { code } = signedIn;
  if (code) deps.defer(() => mailSignInCode(deps, account, code));
  return signedIn.issued;
}

/** Ends the session: an account's, or a guest's. */
export async function signOut(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Pick<Signed, 'actor' | 'session'>,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await endSession(tx, s.session.id, 'sign_out', deps.clock.now());
    await deps.audit.record(
      auditEntry(s.actor, 'identity.sign_out', req, {
        resourceType: 'session',
        resourceId: s.session.id,
      }),
      tx,
    );
  });
}

/** "Stay signed in": the idle timer starts again (a background request never moves it). */
export async function extendSession(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Pick<Signed, 'actor' | 'session'>,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await touchSession(tx, s.session.id, deps.clock.now());
    await deps.audit.record(
      auditEntry(s.actor, 'identity.session.extend', req, {
        resourceType: 'session',
        resourceId: s.session.id,
      }),
      tx,
    );
  });
}

/** A fresh password or TOTP entry, unlocking sensitive actions for the next 5 minutes. */
export async function stepUp(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  proof: { password: string } | { code: string },
): Promise<void> {
  const now = deps.clock.now();
  if ('code' in proof) {
    await checkSecondFactor(deps, req, s, proof, 'identity.step_up');
  } else {
    await checkPasswordOf(deps, req, s, proof.password, 'identity.step_up');
  }
  await deps.db.transaction(async (tx) => {
    await markSteppedUp(tx, s.session.id, now);
    await deps.audit.record(
      auditEntry(s.actor, 'identity.step_up', req, {
        resourceType: 'session',
        resourceId: s.session.id,
      }),
      tx,
    );
  });
}

async function checkPasswordOf(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  password: string,
  action: string,
): Promise<void> {
  const now = deps.clock.now();
  const email = await accountEmail(deps.db, deps.vault, s.account);
  const keys = throttleKeys(s.account.organization_id, email, req.ip);
  const attempt = auditEntry(s.actor, action, req, { resourceId: s.account.id });
  await admitAttempt(deps, 'sign_in', keys, now, attempt);
  if (!s.account.password_hash || !(await verifyPassword(s.account.password_hash, password))) {
    await failAttempt(deps, 'sign_in', keys, now, attempt);
    throw new Invalid('The current password is not right.', [
      { pointer: '/body/currentPassword', detail: 'not the current password' },
    ]);
  }
  await recordSuccess(deps.db, 'sign_in', keys);
}

/**
 * Changes the password (current one required). Every other session of the account ends; this one
 * continues under a new token. The person is told by email.
 */
export async function changePassword(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  input: { currentPassword: string; newPassword: string },
): Promise<IssuedSession> {
  const now = deps.clock.now();
  const email = await accountEmail(deps.db, deps.vault, s.account);
  checkPasswordPolicy(
    input.newPassword,
    {
      email,
      displayName: await accountDisplayName(deps.db, deps.vault, s.account),
      organizationName: await findOrganizationName(deps.db, s.account.organization_id),
    },
    '/body/newPassword',
  );
  await checkPasswordOf(deps, req, s, input.currentPassword, 'identity.password.change');
  const hash = await hashPassword(input.newPassword);
  const issued = await deps.db.transaction(async (tx) => {
    await updateAccount(tx, s.account.organization_id, s.account.id, { passwordHash: hash });
    await endAllSessions(
      tx,
      s.account.organization_id,
      s.account.id,
      'password_changed',
      now,
      s.session.id,
    );
    const rotated = await rotateSession(tx, s.session, { steppedUpAt: now }, now);
    await deps.audit.record(
      auditEntry(s.actor, 'identity.password.change', req, { resourceId: s.account.id }),
      tx,
    );
    return rotated;
  });
  await notify(deps, email, 'Your password changed', [
    'The password of your Hourglass account was just changed, and other devices were signed out.',
    'If this was not you, reset your password and contact your administrator right away.',
  ]);
  return issued;
}
