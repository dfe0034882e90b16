import { Conflict } from '../../platform/http/errors.ts';
import { requireStepUp } from '../access/access.record.ts';
import {
  auditEntry,
  notify,
  type IdentityDeps,
  type RequestInfo,
  type Signed,
} from './identity.deps.ts';
import { CodeRejected, emailCodeRejected, MfaRequired } from './identity.errors.ts';
import { hashRecoveryCode, newRecoveryCode } from './identity.secrets.ts';
import { rotateSession, type IssuedSession } from './identity.sessions.ts';
import {
  claimTotpStep,
  findAccount,
  replaceRecoveryCodes,
  updateAccount,
  useRecoveryCode,
} from './identity.store.ts';
import { admitAttempt, failAttempt } from './identity.attempts.ts';
import { recordSuccess, throttleKeys } from './identity.throttle.ts';
import { checkTotp, newTotpSecret, totpUri } from './identity.totp.ts';
import { claimSignInCode, usesEmailCode } from './identity.mfa-email.ts';
import { accountEmail, openAccountField, sealAccountField } from './identity.vault.ts';

export const recoveryCodeCount = 10;

/** Second factors: TOTP enrollment and verification, recovery codes. */

export type SecondFactor = { code: string } | { recoveryCode: string };

/**
 * Completes sign-in with a TOTP code or a recovery code, or a patient's emailed code. Each is
 * accepted once: a TOTP code replayed inside its window is refused, a used recovery or emailed
 * code is spent. The session gets a new token.
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
 * Checks a TOTP or recovery code for the account (or, completing a patient's sign-in without an
 * authenticator, the emailed code), throttled as `mfa`; spends it on success.
 * A failure is recorded and audited (as `action`) before CodeRejected is thrown.
 */
export async function checkSecondFactor(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  factor: SecondFactor,
  action: string,
): Promise<'totp' | 'recovery' | 'email'> {
  const { db } = deps;
  const now = deps.clock.now();
  const keys = throttleKeys(s.account.organization_id, `account:${s.account.id}`, req.ip);
  const attempt = auditEntry(s.actor, action, req, {
    resourceType: 'session',
    resourceId: s.session.id,
  });
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  // A patient without an authenticator completes sign-in (only) with the code emailed for it.
  const email = usesEmailCode(s.account) && s.session.stage === 'mfa' && 'code' in factor;
  const accepted = await db.transaction(async (tx) => {
    if (email) return claimSignInCode(deps, tx, s, factor.code);
    const account = await findAccount(tx, s.account.organization_id, s.account.id);
    if (!account?.totp_secret || !account.totp_enabled_at) return false;
    if ('code' in factor) {
      const last = account.totp_last_step === null ? null : Number(account.totp_last_step);
      const secret = (await openAccountField(tx, deps.vault, account, 'totp_secret'))!;
      const step = await checkTotp(secret, factor.code, now, last);
      return step !== null && (await claimTotpStep(tx, account.id, step));
    }
    return useRecoveryCode(tx, account.id, hashRecoveryCode(factor.recoveryCode), now);
  });
  if (!accepted) {
    await failAttempt(deps, 'mfa', keys, now, attempt);
    throw email ? new CodeRejected(emailCodeRejected) : new CodeRejected();
  }
  await recordSuccess(db, 'mfa', keys);
  return email ? 'email' : 'code' in factor ? 'totp' : 'recovery';
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
  if (s.session.stage === 'mfa') {
    throw new MfaRequired();
  }
  if (s.account.totp_enabled_at) requireStepUp(s.actor, deps.clock.now());
  const secret = newTotpSecret();
  await deps.db.transaction(async (tx) => {
    await updateAccount(tx, s.account.organization_id, s.account.id, {
      totpPendingSecret: await sealAccountField(
        tx,
        deps.vault,
        s.account,
        'totp_pending_secret',
        secret,
      ),
    });
    await deps.audit.record(
      auditEntry(s.actor, 'identity.mfa.enroll_start', req, { resourceId: s.account.id }),
      tx,
    );
  });
  const email = await accountEmail(deps.db, deps.vault, s.account);
  return { secret, otpauthUri: totpUri(secret, issuer, email) };
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
  if (s.session.stage === 'mfa') throw new MfaRequired();
  const { db } = deps;
  const now = deps.clock.now();
  const keys = throttleKeys(s.account.organization_id, `account:${s.account.id}`, req.ip);
  const attempt = auditEntry(s.actor, 'identity.mfa.enroll', req, { resourceId: s.account.id });
  await admitAttempt(deps, 'mfa', keys, now, attempt);
  const account = await findAccount(db, s.account.organization_id, s.account.id);
  const pending = account
    ? await openAccountField(db, deps.vault, account, 'totp_pending_secret')
    : null;
  const step = pending ? await checkTotp(pending, code, now, null) : null;
  if (!account || !pending || step === null) {
    await failAttempt(deps, 'mfa', keys, now, attempt);
    throw new CodeRejected();
  }
  const recoveryCodes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  const issued = await db.transaction(async (tx) => {
    await recordSuccess(tx, 'mfa', keys);
    await updateAccount(tx, account.organization_id, account.id, {
      totpSecret: await sealAccountField(tx, deps.vault, account, 'totp_secret', pending),
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
  await notify(deps, await accountEmail(db, deps.vault, account), 'Your sign-in security changed', [
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
  await notify(
    deps,
    await accountEmail(deps.db, deps.vault, s.account),
    'Your sign-in security changed',
    [
      'New recovery codes were just created for your Hourglass account; the old ones no longer work.',
      'If this was not you, contact your administrator right away.',
    ],
  );
  return codes;
}
