import type { AccountActor } from '../../platform/http/actor.ts';
import { Conflict, NotFound } from '../../platform/http/errors.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { requireStepUp } from '../access/access.record.ts';
import { auditEntry, type IdentityDeps, type RequestInfo, type Signed } from './identity.deps.ts';
import {
  endAccountSession,
  endAllSessions,
  listLiveSessions,
  getSessionPolicy,
  putSessionPolicy,
  type SessionPolicyRow,
} from './identity.session-store.ts';
import { accountDisplayName, accountEmail, openEmail } from './identity.vault.ts';
import {
  findAccount,
  listAccounts,
  listPendingInvitations,
  updateAccount,
  type AccountRow,
} from './identity.store.ts';

// Administration of workforce accounts

export interface AccountView {
  id: string;
  displayName: string;
  email: string;
  status: string;
  roles: string[];
  locationIds: string[];
  providerId: string | null;
  mfaEnabled: boolean;
}

/** `db` is the caller's transaction when there is one (PGlite has one connection). */
async function view(db: Queryable, vault: Vault, a: AccountRow): Promise<AccountView> {
  return {
    id: a.id,
    displayName: await accountDisplayName(db, vault, a),
    email: await accountEmail(db, vault, a),
    status: a.status,
    roles: a.roles,
    locationIds: a.location_ids,
    providerId: a.provider_id,
    mfaEnabled: a.totp_enabled_at !== null,
  };
}

/** Workforce accounts of the admin's organization (patients' accounts are not listed). */
export async function listWorkforce(
  deps: IdentityDeps,
  actor: AccountActor,
): Promise<AccountView[]> {
  const workforce = (await listAccounts(deps.db, actor.organizationId)).filter(
    (a) => a.kind === 'workforce',
  );
  const views: AccountView[] = [];
  for (const a of workforce) views.push(await view(deps.db, deps.vault, a));
  return views;
}

async function workforceAccount(tx: Queryable, actor: AccountActor, id: string) {
  const account = await findAccount(tx, actor.organizationId, id);
  if (!account || account.kind !== 'workforce') throw new NotFound();
  return account;
}

/** Role and location changes: sensitive (step-up), and the account's sessions end (new privileges need a new sign-in). */
export async function changeRoles(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  id: string,
  input: { roles: string[]; locationIds: string[] },
): Promise<AccountView> {
  const now = deps.clock.now();
  requireStepUp(s.actor, now);
  return deps.db.transaction(async (tx) => {
    const account = await workforceAccount(tx, s.actor, id);
    if (input.roles.includes('clinician') && !account.provider_id) {
      throw new Conflict(
        'clinician-provider',
        'Clinicians act as a provider',
        'This account has no provider to act as.',
      );
    }
    if (account.id === s.actor.id && !input.roles.includes('admin')) {
      throw new Conflict(
        'own-admin-role',
        'Keep your admin role',
        'Another admin must remove your admin role.',
      );
    }
    await updateAccount(tx, account.organization_id, account.id, {
      roles: input.roles,
      locationIds: input.locationIds,
    });
    await endAllSessions(
      tx,
      account.organization_id,
      account.id,
      'revoked',
      now,
      account.id === s.actor.id ? s.session.id : undefined,
    );
    await deps.audit.record(
      auditEntry(s.actor, 'identity.account.roles_change', req, { resourceId: account.id }),
      tx,
    );
    return view(tx, deps.vault, {
      ...account,
      roles: input.roles,
      location_ids: input.locationIds,
    });
  });
}

/** Disabling an account ends all its sessions at once. */
export async function setAccountStatus(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  id: string,
  status: 'active' | 'disabled',
): Promise<AccountView> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const account = await workforceAccount(tx, s.actor, id);
    if (account.id === s.actor.id) {
      throw new Conflict(
        'own-account',
        'Not your own account',
        'Another admin must disable your account.',
      );
    }
    await updateAccount(tx, account.organization_id, account.id, { status });
    if (status === 'disabled')
      await endAllSessions(tx, account.organization_id, account.id, 'disabled', now);
    await deps.audit.record(
      auditEntry(
        s.actor,
        status === 'disabled' ? 'identity.account.disable' : 'identity.account.enable',
        req,
        { resourceId: account.id },
      ),
      tx,
    );
    return view(tx, deps.vault, { ...account, status });
  });
}

/** An admin signs a workforce user out everywhere. */
export async function revokeAccountSessions(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  id: string,
) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const account = await workforceAccount(tx, s.actor, id);
    const ended = await endAllSessions(tx, account.organization_id, account.id, 'revoked', now);
    await deps.audit.record(
      auditEntry(s.actor, 'identity.session.revoke', req, { resourceId: account.id }),
      tx,
    );
    return { ended };
  });
}

// "Your devices"

export async function mySessions(deps: IdentityDeps, s: Signed) {
  const rows = await listLiveSessions(
    deps.db,
    s.account.organization_id,
    s.account.id,
    deps.clock.now(),
  );
  return rows.map((r) => ({
    id: r.id,
    device: r.device_label,
    location: r.coarse_location,
    signedInAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    current: r.id === s.session.id,
  }));
}

export async function revokeMySession(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  sessionId: string,
) {
  await deps.db.transaction(async (tx) => {
    if (!(await endAccountSession(tx, s.account.id, sessionId, 'revoked', deps.clock.now())))
      throw new NotFound();
    await deps.audit.record(
      auditEntry(s.actor, 'identity.session.revoke', req, {
        resourceType: 'session',
        resourceId: sessionId,
      }),
      tx,
    );
  });
}

export interface InvitationView {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
}

/** Invitations not yet accepted and not expired, for the admin who may send another. */
export async function pendingInvitations(
  deps: IdentityDeps,
  actor: AccountActor,
): Promise<InvitationView[]> {
  const rows = await listPendingInvitations(deps.db, actor.organizationId, deps.clock.now());
  const views: InvitationView[] = [];
  for (const r of rows) {
    views.push({
      id: r.id,
      displayName: r.display_name,
      email: await openEmail(deps.db, deps.vault, 'invitations', r),
      roles: r.roles,
      createdAt: r.created_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
    });
  }
  return views;
}

/** The organization's automatic-logoff limits as they apply now (the defaults until set). */
export async function sessionPolicy(deps: IdentityDeps, s: Signed): Promise<SessionPolicyRow> {
  return getSessionPolicy(deps.db, s.actor.organizationId);
}

/**
 * The organization's automatic-logoff limits (bounds checked at the edge and in the database).
 * Applies to sessions started afterwards. Sensitive: needs a fresh step-up.
 */
export async function setSessionPolicy(
  deps: IdentityDeps,
  req: RequestInfo,
  s: Signed,
  policy: SessionPolicyRow,
): Promise<void> {
  requireStepUp(s.actor, deps.clock.now());
  await deps.db.transaction(async (tx) => {
    await putSessionPolicy(tx, s.actor.organizationId, policy);
    await deps.audit.record(
      auditEntry(s.actor, 'identity.session_policy.change', req, {
        resourceType: 'organization',
        resourceId: s.actor.organizationId,
      }),
      tx,
    );
  });
}
