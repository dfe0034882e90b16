import { findOrganizationBySlug } from '../directory/directory.store.ts';
import { anonymous, type Actor, type AccountActor } from '../../platform/http/actor.ts';
import { Conflict, Invalid } from '../../platform/http/errors.ts';
import { requireStepUp } from '../access/access.record.ts';
import { auditEntry, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { CodeRejected, SignInFailed } from './identity.errors.ts';
import {
  checkPasswordPolicy,
  hashPassword,
  verifyAgainstDummy,
  verifyPassword,
} from './identity.password.ts';
import { hashRecoveryCode, newRecoveryCode } from './identity.secrets.ts';
import {
  endAllSessions,
  endSession,
  markSteppedUp,
  type SessionRow,
} from './identity.session-store.ts';
import { actorFor, rotateSession, startSession, type IssuedSession } from './identity.sessions.ts';
import {
  claimTotpStep,
  findAccount,
  findAccountByEmail,
  findOrganizationName,
  replaceRecoveryCodes,
  updateAccount,
  useRecoveryCode,
  type AccountRow,
} from './identity.store.ts';
import { checkThrottle, recordFailure, recordSuccess, throttleKeys } from './identity.throttle.ts';
import { checkTotp, newTotpSecret, totpUri } from './identity.totp.ts';

export const recoveryCodeCount = 10;

/** A signed-in request: the actor, its live session and account (from identity.actor.ts). */
export interface Signed {
  actor: AccountActor;
  session: SessionRow;
  account: AccountRow;
}

export interface SignInResult extends IssuedSession {
  stage: SessionRow['stage'];
}

/**
 * Password sign-in. Throttled per account and per source address; every failure gets the same
 * answer and costs the same time (an unknown email is checked against a dummy hash). Workforce
 * accounts without TOTP land in the `enroll` stage, accounts with TOTP in `mfa`.
 */
export async function signIn(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { organization: string; email: string; password: string },
): Promise<SignInResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const email = input.email.trim().toLowerCase();
  const org = await findOrganizationBySlug(db, input.organization);
  const keys = throttleKeys(org?.id ?? `slug:${input.organization}`, email, req.ip);
  await checkThrottle(db, 'sign_in', keys, now);
  const account = org ? await findAccountByEmail(db, org.id, email) : undefined;
  const usable = account && account.status === 'active' && account.password_hash;
  const ok = usable
    ? await verifyPassword(account.password_hash!, input.password)
    : await verifyAgainstDummy(input.password);
  if (!ok || !account || !usable) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, 'sign_in', keys, now);
      await deps.audit.record(
        auditEntry(anonymous, 'identity.sign_in', req, {
          resourceId: account?.id ?? null,
          organizationId: org?.id ?? null,
          outcome: 'failed',
        }),
        tx,
      );
    });
    throw new SignInFailed();
  }
  return db.transaction(async (tx) => {
    await recordSuccess(tx, 'sign_in', keys);
    const stage = account.totp_enabled_at
      ? 'mfa'
      : account.kind === 'workforce'
        ? 'enroll'
        : 'full';
    const issued = await startSession(tx, account, {
      stage,
      now,
      userAgent: req.userAgent,
      ip: req.ip,
      steppedUp: true,
    });
    await deps.audit.record(
      auditEntry(actorFor(account, issued.session), 'identity.sign_in', req, {
        resourceType: 'session',
        resourceId: issued.session.id,
      }),
      tx,
    );
    return { ...issued, stage };
  });
}

export async function signOut(deps: IdentityDeps, req: RequestInfo, s: Signed): Promise<void> {
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

type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * Completes sign-in with a TOTP code or a recovery code. Each is accepted once: a TOTP code
 * replayed inside its window is refused, a used recovery code is spent. The session gets a new
 * token.
 */
export async function verifyMfa(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  factor: SecondFactor,
): Promise<IssuedSession> {
  if (s.session.stage !== 'mfa') {
    throw new Conflict('mfa-not-pending', 'Nothing to verify', 'This session does not owe a code.');
  }
  const now = deps.clock.now();
  const used = await checkSecondFactor(deps, req, s, factor, 'identity.mfa.verify');
  return deps.db.transaction(async (tx) => {
    const issued = await rotateSession(tx, s.session, { stage: 'full', steppedUpAt: now }, now);
    await deps.audit.record(
      auditEntry(
        s.actor,
        used === 'recovery' ? 'identity.mfa.recovery_code_used' : 'identity.mfa.verify',
        req,
        {
          resourceType: 'session',
          resourceId: s.session.id,
        },
      ),
      tx,
    );
    return issued;
  });
}

/**
 * Checks a TOTP or recovery code for the account, throttled as `mfa`; spends it on success.
 * A failure is recorded and audited (as `action`) before CodeRejected is thrown.
 */
async function checkSecondFactor(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  factor: SecondFactor,
  action: string,
): Promise<'totp' | 'recovery'> {
  const { db } = deps;
  const now = deps.clock.now();
  const keys = throttleKeys(s.account.organization_id, `account:${s.account.id}`, req.ip);
  await checkThrottle(db, 'mfa', keys, now);
  const accepted = await db.transaction(async (tx) => {
    const account = await findAccount(tx, s.account.organization_id, s.account.id);
    if (!account?.totp_secret || !account.totp_enabled_at) return false;
    if ('code' in factor) {
      const last = account.totp_last_step === null ? null : Number(account.totp_last_step);
      const step = await checkTotp(account.totp_secret, factor.code, now, last);
      return step !== null && (await claimTotpStep(tx, account.id, step));
    }
    return useRecoveryCode(tx, account.id, hashRecoveryCode(factor.recoveryCode), now);
  });
  if (!accepted) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, 'mfa', keys, now);
      await deps.audit.record(
        auditEntry(s.actor, action, req, {
          resourceType: 'session',
          resourceId: s.session.id,
          outcome: 'failed',
        }),
        tx,
      );
    });
    throw new CodeRejected();
  }
  await recordSuccess(db, 'mfa', keys);
  return 'code' in factor ? 'totp' : 'recovery';
}

/**
 * Starts TOTP enrollment: a new secret, kept pending until a code from it is confirmed. Required
 * for workforce at first sign-in; offered to patients. Replacing an enrolled authenticator is an
 * MFA change and needs a fresh step-up.
 */
export async function startEnrollment(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  issuer: string,
): Promise<{ secret: string; otpauthUri: string }> {
  if (s.session.stage === 'mfa') throw new CodeRejected();
  if (s.account.totp_enabled_at) requireStepUp(s.actor, deps.clock.now());
  const secret = newTotpSecret();
  await deps.db.transaction(async (tx) => {
    await updateAccount(tx, s.account.organization_id, s.account.id, { totpPendingSecret: secret });
    await deps.audit.record(
      auditEntry(s.actor, 'identity.mfa.enroll_start', req, { resourceId: s.account.id }),
      tx,
    );
  });
  return { secret, otpauthUri: totpUri(secret, issuer, s.account.email) };
}

/**
 * Confirms enrollment with a code from the new authenticator: TOTP becomes active, ten fresh
 * recovery codes are issued (shown once, stored hashed), the session is complete under a new token.
 */
export async function confirmEnrollment(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  code: string,
): Promise<{ issued: IssuedSession; recoveryCodes: string[] }> {
  const { db } = deps;
  const now = deps.clock.now();
  const keys = throttleKeys(s.account.organization_id, `account:${s.account.id}`, req.ip);
  await checkThrottle(db, 'mfa', keys, now);
  const account = await findAccount(db, s.account.organization_id, s.account.id);
  const pending = account?.totp_pending_secret;
  const step = pending ? await checkTotp(pending, code, now, null) : null;
  if (!account || !pending || step === null) {
    await db.transaction(async (tx) => {
      await recordFailure(tx, 'mfa', keys, now);
      await deps.audit.record(
        auditEntry(s.actor, 'identity.mfa.enroll', req, {
          resourceId: s.account.id,
          outcome: 'failed',
        }),
        tx,
      );
    });
    throw new CodeRejected();
  }
  const recoveryCodes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  const issued = await db.transaction(async (tx) => {
    await recordSuccess(tx, 'mfa', keys);
    await updateAccount(tx, account.organization_id, account.id, {
      totpSecret: pending,
      totpPendingSecret: null,
      totpEnabledAt: now,
      totpLastStep: step,
    });
    await replaceRecoveryCodes(tx, account.id, recoveryCodes.map(hashRecoveryCode));
    const rotated = await rotateSession(tx, s.session, { stage: 'full', steppedUpAt: now }, now);
    await deps.audit.record(
      auditEntry(s.actor, 'identity.mfa.enroll', req, { resourceId: account.id }),
      tx,
    );
    return rotated;
  });
  await notify(deps, account.email, 'Your sign-in security changed', [
    'An authenticator app was just set up for two-step sign-in on your Hourglass account.',
    'If this was not you, contact your administrator right away.',
  ]);
  return { issued, recoveryCodes };
}

/** Ten new recovery codes, replacing the old ones. An MFA change: needs a fresh step-up. */
export async function regenerateRecoveryCodes(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
): Promise<string[]> {
  requireStepUp(s.actor, deps.clock.now());
  if (!s.account.totp_enabled_at) {
    throw new Conflict(
      'mfa-not-enrolled',
      'No authenticator',
      'Set up an authenticator app first.',
    );
  }
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await deps.db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, s.account.id, codes.map(hashRecoveryCode));
    await deps.audit.record(
      auditEntry(s.actor, 'identity.mfa.recovery_codes_regenerate', req, {
        resourceId: s.account.id,
      }),
      tx,
    );
  });
  await notify(deps, s.account.email, 'Your sign-in security changed', [
    'New recovery codes were just created for your Hourglass account; the old ones no longer work.',
    'If this was not you, contact your administrator right away.',
  ]);
  return codes;
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
  const keys = throttleKeys(s.account.organization_id, s.account.email, req.ip);
  await checkThrottle(deps.db, 'sign_in', keys, now);
  if (!s.account.password_hash || !(await verifyPassword(s.account.password_hash, password))) {
    await deps.db.transaction(async (tx) => {
      await recordFailure(tx, 'sign_in', keys, now);
      await deps.audit.record(
        auditEntry(s.actor, action, req, { resourceId: s.account.id, outcome: 'failed' }),
        tx,
      );
    });
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
  checkPasswordPolicy(
    input.newPassword,
    {
      email: s.account.email,
      displayName: s.account.display_name,
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
  await notify(deps, s.account.email, 'Your password changed', [
    'The password of your Hourglass account was just changed, and other devices were signed out.',
    'If this was not you, reset your password and contact your administrator right away.',
  ]);
  return issued;
}

/** A plain notice by email: no PHI, no names beyond the product. */
export async function notify(deps: IdentityDeps, to: string, subject: string, lines: string[]) {
  await deps.mailer.send({ to, subject, text: `${lines.join('\n\n')}\n\n- Hourglass\n` });
}

export function isAccountActor(actor: Actor): actor is AccountActor {
  return actor.type === 'user' || actor.type === 'patient';
}
