import { randomUUID } from 'node:crypto';
import type { Vault } from '../../platform/crypto/vault.ts';
import { findOrganizationBySlug } from '../directory/directory.store.ts';
import { anonymous, type Actor } from '../../platform/http/actor.ts';
import { Conflict, NotFound } from '../../platform/http/errors.ts';
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
  findOrganizationName,
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
  openAccountField,
  openEmail,
  sealAccountField,
  sealEmail,
  type AccountSealedColumn,
} from './identity.vault.ts';
import { patientRecordFor, type SelfServiceIdentity } from './identity.records.ts';

export const invitationLifetimeMs = 72 * 3_600_000;
export const resetLifetimeMs = 30 * 60_000;
export const verificationLifetimeMs = 24 * 3_600_000;

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

// Patients: self-registration with email verification

/** What a patient gives at registration, beyond email and password. */
export interface RegistrationInput extends SelfServiceIdentity {
  organization: string;
  password: string;
  language?: 'en' | 'es' | undefined;
}

/** The name an account shows: the preferred (or given) name and the family name. */
export function displayNameOf(identity: Pick<SelfServiceIdentity, 'legalName' | 'preferredName'>) {
  return `${identity.preferredName ?? identity.legalName.given} ${identity.legalName.family}`;
}

/**
 * A patient registers with email, password and the identity booking and intake need. The answer
 * is the same whether or not the email already has an account (the owner of an existing account
 * is told by email instead). The identity stays sealed on the pending account until the email is
 * verified: only then is it matched against the clinic's patients (identity.records.ts), so an
 * unverified registration never touches the patient directory.
 */
export async function registerPatient(
  deps: IdentityDeps,
  req: RequestInfo,
  input: RegistrationInput,
): Promise<void> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const org = await findOrganizationBySlug(deps.db, input.organization);
  if (!org) throw new NotFound('No organization with that address.');
  const displayName = displayNameOf(input);
  checkPasswordPolicy(input.password, {
    email,
    displayName: [displayName, input.legalName.given].join(' '),
    organizationName: org.name,
  });
  const keys = throttleKeys(org.id, `register:${email}`, req.ip);
  await checkThrottle(deps.db, 'reset', keys, now);
  await recordFailure(deps.db, 'reset', keys, now); // counts requests: no mail flooding
  const password = await hashPassword(input.password);
  const existing = await findAccountByAddress(deps.db, deps.vault, org.id, email);
  if (existing) {
    // Sent after the response, like the verification mail: the timing must not tell them apart.
    deps.defer(() =>
      notify(deps, email, 'Someone tried to register with your email', [
        'Someone tried to create a new Hourglass account with this email address, which already has one.',
        `If it was you, sign in or reset your password at ${deps.publicUrl}/sign-in.`,
      ]),
    );
    return;
  }
  const token = newToken();
  await deps.db.transaction(async (tx) => {
    const account = await createAccount(tx, deps.vault, {
      organizationId: org.id,
      kind: 'patient',
      email,
      displayName,
      passwordHash: password,
      status: 'pending',
      roles: [],
      locationIds: [],
      providerId: null,
      patientId: null,
      pendingIdentity: {
        legalName: input.legalName,
        ...(input.preferredName !== undefined ? { preferredName: input.preferredName } : {}),
        dateOfBirth: input.dateOfBirth,
        sex: input.sex,
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        email,
      },
      language: input.language ?? null,
    });
    await insertAccountToken(tx, {
      accountId: account.id,
      purpose: 'verify_email',
      hash: hashToken(token),
      expiresAt: new Date(now.getTime() + verificationLifetimeMs),
    });
    await deps.audit.record(
      auditEntry(anonymous, 'identity.account.register', req, {
        resourceId: account.id,
        organizationId: org.id,
      }),
      tx,
    );
  });
  deps.defer(() =>
    notify(deps, email, 'Confirm your email for Hourglass', [
      `Confirm your email address to finish creating your account: ${deps.publicUrl}/verify-email#token=${token}`,
      'The link works once, for 24 hours. If you did not register, ignore this message.',
    ]),
  );
}

/**
 * Confirms the email, activates the account, and links it to its patient record: the identity
 * given at registration, now with a verified email, becomes a new record in the vault or — when
 * the match is certain — the clinic's existing record of that person (identity.records.ts).
 */
export async function verifyEmail(
  deps: IdentityDeps,
  req: RequestInfo,
  token: string,
): Promise<void> {
  const now = deps.clock.now();
  const done = await deps.db.transaction(async (tx) => {
    const t = await consumeAccountToken(tx, 'verify_email', hashToken(token), now);
    if (!t) return false;
    const account = (await findAccount(tx, t.organization_id, t.account_id))!;
    const pending = await openAccountField(tx, deps.vault, account, 'pending_identity');
    // Registered before 0060: the account already has its (bare) patients row.
    const patientId = pending
      ? await patientRecordFor(
          deps,
          tx,
          patientActorOf(account),
          t.organization_id,
          JSON.parse(pending) as SelfServiceIdentity,
        )
      : undefined;
    await updateAccount(tx, t.organization_id, t.account_id, {
      status: 'active',
      emailVerified: true,
      ...(patientId ? { patientId } : {}),
    });
    await deps.audit.record(
      auditEntry(anonymous, 'identity.account.verify_email', req, {
        resourceId: t.account_id,
        organizationId: t.organization_id,
      }),
      tx,
    );
    return true;
  });
  if (!done) throw new LinkExpired();
}

/** The account as the actor of the record look-up's audit events (it has no session yet). */
function patientActorOf(account: AccountRow): Actor {
  return { type: 'patient', id: account.id, organizationId: account.organization_id };
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
