import { findOrganizationBySlug } from '../directory/directory.service.ts';
import { anonymous, type Actor } from '../../platform/http/actor.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { createAccount } from './identity.accounts.ts';
import { auditEntry, notify, type IdentityDeps, type RequestInfo } from './identity.deps.ts';
import { LinkExpired } from './identity.errors.ts';
import { checkPasswordPolicy, hashPassword } from './identity.password.ts';
import { patientRecordFor, type SelfServiceIdentity } from './identity.records.ts';
import { hashToken, newToken } from './identity.secrets.ts';
import {
  consumeAccountToken,
  findAccount,
  insertAccountToken,
  updateAccount,
  type AccountRow,
} from './identity.store.ts';
import { checkThrottle, recordFailure, throttleKeys } from './identity.throttle.ts';
import { findAccountByAddress, openAccountField } from './identity.vault.ts';

export const verificationLifetimeMs = 24 * 3_600_000;

/** Patients: self-registration with the identity booking needs, and email verification. */

/** What a patient gives at registration, beyond email and password. */
export interface RegistrationInput extends SelfServiceIdentity {
  organization: string;
  password: string;
  language?: 'en' | 'es' | undefined;
  /**
   * The caregiver invitation (its link token) the registrant came from: carried, unread, in the
   * verification link's fragment, so the page they verify on takes them back to accept it.
   */
  invitation?: string | undefined;
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
      `Confirm your email address to finish creating your account: ${deps.publicUrl}/verify-email#token=${token}${input.invitation ? `&invitation=${input.invitation}` : ''}`,
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
