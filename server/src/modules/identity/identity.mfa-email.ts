import type { Queryable } from '../../platform/db/db.ts';
import { Conflict } from '../../platform/http/errors.ts';
import { checkSendAllowance, claimCode, issueCode, codePolicy } from './identity.codes.ts';
import {
  auditEntry,
  notify,
  type IdentityDeps,
  type RequestInfo,
  type Signed,
} from './identity.deps.ts';
import type { SessionRow } from './identity.session-store.ts';
import type { AccountRow } from './identity.store.ts';
import { TooManyAttempts } from './identity.throttle.ts';
import { accountEmail } from './identity.vault.ts';

/**
 * A patient's second factor when no authenticator is enrolled: a six-digit code emailed to the
 * verified address (identity.codes.ts), sent at sign-in and again on request, bound to the
 * session that owes it. The mail carries the code only.
 */

/** The second factors a session's current stage accepts (the session view's `mfaMethods`). */
export function mfaMethods(
  session: Pick<SessionRow, 'stage'>,
  account: Pick<AccountRow, 'totp_enabled_at' | 'kind'> | null,
): ('totp' | 'recovery' | 'email')[] {
  if (session.stage !== 'mfa' || !account) return [];
  if (account.totp_enabled_at) return ['totp', 'recovery'];
  return account.kind === 'patient' ? ['email'] : [];
}

export function usesEmailCode(account: Pick<AccountRow, 'totp_enabled_at' | 'kind'>): boolean {
  return account.kind === 'patient' && !account.totp_enabled_at;
}

const subjectOf = (account: { id: string }) => `account:${account.id}`;

function sendAudit(s: Pick<Signed, 'actor'>, session: SessionRow, req: RequestInfo | undefined) {
  return auditEntry(s.actor, 'identity.mfa.email_code', req, {
    resourceType: 'session',
    resourceId: session.id,
  });
}

/**
 * A new sign-in code for the session, in the caller's transaction, audited; null (audited as
 * denied) when the account had its sends this hour. Returns the code to mail after commit.
 */
export async function issueSignInCode(
  deps: IdentityDeps,
  tx: Queryable,
  req: RequestInfo,
  s: Pick<Signed, 'actor' | 'account'>,
  session: SessionRow,
): Promise<string | null> {
  const now = deps.clock.now();
  const entry = sendAudit(s, session, req);
  try {
    await checkSendAllowance(tx, s.account.organization_id, 'mfa', subjectOf(s.account), now);
  } catch (err) {
    if (!(err instanceof TooManyAttempts)) throw err;
    await deps.audit.record({ ...entry, outcome: 'denied' }, tx);
    return null;
  }
  const { code } = await issueCode(
    tx,
    deps.vault,
    {
      organizationId: s.account.organization_id,
      purpose: 'mfa',
      subject: subjectOf(s.account),
      sessionId: session.id,
    },
    now,
  );
  await deps.audit.record(entry, tx);
  return code;
}

/** The sign-in code mail: the code and how long it works, nothing about the person. */
export async function mailSignInCode(deps: IdentityDeps, account: AccountRow, code: string) {
  await notify(
    deps,
    await accountEmail(deps.db, deps.vault, account),
    'Your Hourglass sign-in code',
    [
      `Your sign-in code is ${code}.`,
      `It works once, for ${codePolicy.lifetimeMs / 60_000} minutes. If you did not just sign in, change your password.`,
    ],
  );
}

/** POST /api/auth/mfa/email-code: a new code for a session that owes one (at most 5 an hour). */
export async function resendSignInCode(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
): Promise<void> {
  if (s.session.stage !== 'mfa') {
    throw new Conflict('mfa-not-pending', 'Nothing to verify', 'This session does not owe a code.');
  }
  if (!usesEmailCode(s.account)) {
    throw new Conflict(
      'email-code-not-offered',
      'Use your authenticator',
      'This account signs in with its authenticator app or a recovery code, not an emailed code.',
    );
  }
  const now = deps.clock.now();
  try {
    await checkSendAllowance(deps.db, s.account.organization_id, 'mfa', subjectOf(s.account), now);
  } catch (err) {
    if (err instanceof TooManyAttempts) {
      await deps.audit.record({ ...sendAudit(s, s.session, req), outcome: 'denied' });
    }
    throw err;
  }
  const code = await deps.db.transaction((tx) => issueSignInCode(deps, tx, req, s, s.session));
  if (code) await mailSignInCode(deps, s.account, code);
}

/** Spends the session's sign-in code when `code` is it (a failure counts against the code). */
export function claimSignInCode(
  deps: IdentityDeps,
  tx: Queryable,
  s: Pick<Signed, 'account' | 'session'>,
  code: string,
): Promise<boolean> {
  return claimCode(
    tx,
    deps.vault,
    {
      organizationId: s.account.organization_id,
      purpose: 'mfa',
      subjects: [subjectOf(s.account)],
      sessionId: s.session.id,
      code,
    },
    deps.clock.now(),
  ).then((claimed) => claimed !== null);
}
