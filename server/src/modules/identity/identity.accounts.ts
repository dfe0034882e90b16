import { randomUUID } from 'node:crypto';
import type { Vault } from '../../platform/crypto/vault.ts';
import { findOrganizationBySlug } from '../directory/directory.service.ts';
import { organizationName as findOrganizationName } from '../directory/directory.service.ts';
import { anonymous } from '../../platform/http/actor.ts';
import { Conflict } from '../../platform/http/errors.ts';
import type { Queryable } from '../../platform/db/db.ts';
import {
  auditEntry,
  notify,
  type IdentityDeps,
  type RequestInfo,
  type Signed,
} from './identity.deps.ts';
import { LinkExpired } from './identity.errors.ts';
import { checkPasswordPolicy, hashPassword } from './identity.password.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import { endAllSessions } from './identity.session-store.ts';
import {
  claimInvitation,
  consumeAccountToken,
  findAccount,
  insertAccount,
  insertAccountToken,
  insertInvitation,
  markInvitationAccepted,
  updateAccount,
  type AccountRow,
  type NewAccount,
} from './identity.store.ts';
import { checkThrottle, recordFailure, throttleKeys } from './identity.throttle.ts';
import {
  accountDisplayName,
  accountEmail,
  findAccountByAddress,
  openEmail,
  sealAccountField,
  sealEmail,
  type AccountSealedColumn,
} from './identity.vault.ts';
import type { SelfServiceIdentity } from './identity.records.ts';

export const invitationLifetimeMs = 72 * 3_600_000;
export const resetLifetimeMs = 30 * 60_000;

/** What creating an account takes: email, name, TOTP secret and pending identity in the clear. */
export type AccountInput = Omit<
  NewAccount,
  | 'id'
  | 'email'
  | 'emailBidx'
  | 'indexVersion'
  | 'passwordHash'
  | 'totpSecret'
  | 'displayName'
  | 'pendingIdentity'
> & {
  email: string;
  displayName: string;
  totpSecret?: string | null;
  pendingIdentity?: SelfServiceIdentity;
};

/**
 * Creates an account (seed, invitations, registration, tests): the email, display name, any TOTP
 * secret and any pending identity sealed in the vault, the email's blind index, the password
 * hashed or given as a hash.
 */
export async function createAccount(
  tx: Queryable,
  vault: Vault,
  input: AccountInput & ({ password: string } | { passwordHash: string }),
): Promise<AccountRow> {
  const id = randomUUID();
  const { email, totpSecret, displayName, pendingIdentity, ...rest } = input;
  const passwordHash =
    'passwordHash' in input ? input.passwordHash : await hashPassword(input.password);
  const account = { id, organization_id: input.organizationId };
  const seal = (column: AccountSealedColumn, value: string) =>
    sealAccountField(tx, vault, account, column, value);
  return insertAccount(tx, {
    ...rest,
    id,
    ...(await sealEmail(tx, vault, input.organizationId, 'accounts', id, email)),
    displayName: await seal('display_name', displayName),
    passwordHash,
    totpSecret: totpSecret ? await seal('totp_secret', totpSecret) : null,
    pendingIdentity: pendingIdentity
      ? await seal('pending_identity', JSON.stringify(pendingIdentity))
      : null,
  });
}

// Invitations (workforce)

export interface InviteInput {
  email: string;
  displayName: string;
  roles: string[];
  locationIds: string[];
  providerId: string | null;
}

/** An admin invites a workforce user: a single-use link by email, valid 72 hours. */
export async function invite(deps: IdentityDeps, req: RequestInfo, s: Signed, input: InviteInput) {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  if (input.roles.includes('clinician') !== Boolean(input.providerId)) {
    throw new Conflict(
      'clinician-provider',
      'Clinicians act as a provider',
      'Give a provider exactly when the clinician role is given.',
    );
  }
  if (await findAccountByAddress(deps.db, deps.vault, s.actor.organizationId, email)) {
    throw new Conflict(
      'account-exists',
      'Already an account',
      'An account with this email already exists here.',
    );
  }
  const token = newToken();
  const id = await deps.db.transaction(async (tx) => {
    const invitationId = randomUUID();
    const org = s.actor.organizationId;
    await insertInvitation(tx, {
      id: invitationId,
      organizationId: org,
      ...(await sealEmail(tx, deps.vault, org, 'invitations', invitationId, email)),
      displayName: input.displayName,
      roles: input.roles,
      locationIds: input.locationIds,
      providerId: input.providerId,
      hash: hashToken(token),
      createdBy: s.actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + invitationLifetimeMs),
    });
    await deps.audit.record(
      auditEntry(s.actor, 'identity.account.invite', req, {
        resourceType: 'invitation',
        resourceId: invitationId,
      }),
      tx,
    );
    return invitationId;
  });
  await notify(deps, email, 'You are invited to Hourglass', [
    'You have been invited to a workforce account on Hourglass.',
    `Set your password within 72 hours: ${deps.publicUrl}/invitation#token=${token}`,
    'After that you will set up an authenticator app at your first sign-in.',
  ]);
  return { id, expiresAt: new Date(now.getTime() + invitationLifetimeMs) };
}

/** The invitee sets a password: the account exists from here on; MFA enrollment follows at sign-in. */
export async function acceptInvitation(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { token: string; password: string },
): Promise<void> {
  const now = deps.clock.now();
  // Keyed by source address only: a shared key would let anyone make everyone wait.
  const keys = throttleKeys('invitation', req.ip, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  const accepted = await deps.db.transaction(async (tx) => {
    const inv = await claimInvitation(tx, hashToken(input.token), now);
    if (!inv) return false;
    const email = await openEmail(tx, deps.vault, 'invitations', inv);
    checkPasswordPolicy(input.password, {
      email,
      displayName: inv.display_name,
      organizationName: await findOrganizationName(tx, inv.organization_id),
    });
    if (await findAccountByAddress(tx, deps.vault, inv.organization_id, email)) return false;
    const account = await createAccount(tx, deps.vault, {
      organizationId: inv.organization_id,
      kind: 'workforce',
      email,
      displayName: inv.display_name,
      password: input.password,
      status: 'active',
      roles: inv.roles,
      locationIds: inv.location_ids,
      providerId: inv.provider_id,
      patientId: null,
    });
    await markInvitationAccepted(tx, inv.id, account.id, now);
    await deps.audit.record(
      auditEntry(anonymous, 'identity.account.create', req, {
        resourceId: account.id,
        organizationId: inv.organization_id,
      }),
      tx,
    );
    return true;
  });
  if (!accepted) {
    await recordFailure(deps.db, 'reset', keys, now);
    throw new LinkExpired();
  }
}

// Password reset

/**
 * Sends a single-use reset link (30 minutes) when the account exists and is active; answers the
 * same either way. A reset sets a new password only: signing in still needs the second factor.
 */
export async function requestPasswordReset(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { organization: string; email: string },
): Promise<void> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const org = await findOrganizationBySlug(deps.db, input.organization);
  const keys = throttleKeys(org?.id ?? `slug:${input.organization}`, email, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  await recordFailure(deps.db, 'reset', keys, now); // every request counts: no mail flooding
  const account = org ? await findAccountByAddress(deps.db, deps.vault, org.id, email) : undefined;
  if (!account || account.status !== 'active') return;
  const token = newToken();
  await deps.db.transaction(async (tx) => {
    await insertAccountToken(tx, {
      accountId: account.id,
      purpose: 'password_reset',
      hash: hashToken(token),
      expiresAt: new Date(now.getTime() + resetLifetimeMs),
    });
    await deps.audit.record(
      auditEntry(anonymous, 'identity.password.reset_request', req, {
        resourceId: account.id,
        organizationId: account.organization_id,
      }),
      tx,
    );
  });
  // After the response: an unknown email sends nothing, and the timing must not tell.
  deps.defer(async () =>
    notify(
      deps,
      await accountEmail(deps.db, deps.vault, account),
      'Reset your Hourglass password',
      [
        `Choose a new password within 30 minutes: ${deps.publicUrl}/reset-password#token=${token}`,
        'The link works once. Signing in afterwards still asks for your authenticator code.',
        'If you did not ask for this, ignore this message; your password stays as it is.',
      ],
    ),
  );
}

export async function completePasswordReset(
  deps: IdentityDeps,
  req: RequestInfo,
  input: { token: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  const keys = throttleKeys('reset-link', req.ip, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  const account = await deps.db.transaction(async (tx) => {
    const t = await consumeAccountToken(tx, 'password_reset', hashToken(input.token), now);
    if (!t) return undefined;
    const acct = (await findAccount(tx, t.organization_id, t.account_id))!;
    // A refused password throws here and rolls back, so the link still works for a better one.
    checkPasswordPolicy(
      input.newPassword,
      {
        email: await accountEmail(tx, deps.vault, acct),
        displayName: await accountDisplayName(tx, deps.vault, acct),
        organizationName: await findOrganizationName(tx, acct.organization_id),
      },
      '/body/newPassword',
    );
    await updateAccount(tx, acct.organization_id, acct.id, {
      passwordHash: await hashPassword(input.newPassword),
    });
    await endAllSessions(tx, acct.organization_id, acct.id, 'password_changed', now);
    await deps.audit.record(
      auditEntry(anonymous, 'identity.password.reset', req, {
        resourceId: acct.id,
        organizationId: acct.organization_id,
      }),
      tx,
    );
    return acct;
  });
  if (!account) {
    await recordFailure(deps.db, 'reset', keys, now);
    throw new LinkExpired();
  }
  await notify(deps, await accountEmail(deps.db, deps.vault, account), 'Your password changed', [
    'The password of your Hourglass account was just reset, and every device was signed out.',
    'If this was not you, contact your administrator right away.',
  ]);
}
