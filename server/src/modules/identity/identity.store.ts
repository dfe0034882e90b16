import type { Queryable } from '../../platform/db/db.ts';

/**
 * The only SQL for accounts, recovery codes, single-use tokens and invitations. Emails, display
 * names, TOTP secrets and a pending registration's identity are vault ciphertexts here
 * (identity.vault.ts seals and opens them); emails are found by blind index only.
 */

export interface AccountRow {
  id: string;
  organization_id: string;
  kind: 'workforce' | 'patient';
  /** Sealed: open with identity.vault.ts when the address is needed (mail, password rules). */
  email: Uint8Array;
  /** Sealed, like the email (a patient's display name is their name). */
  display_name: Uint8Array;
  password_hash: string | null;
  status: 'pending' | 'active' | 'disabled';
  roles: string[];
  location_ids: string[];
  provider_id: string | null;
  patient_id: string | null;
  /** Sealed, like the email. */
  totp_secret: Uint8Array | null;
  totp_pending_secret: Uint8Array | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
  /** Sealed: what a patient gave at registration, until the email is verified (JSON). */
  pending_identity: Uint8Array | null;
  /** The language the patient chose for the portal and mail. */
  language: 'en' | 'es' | null;
  is_demo: boolean;
  created_at: Date;
}

export interface NewAccount {
  /** Chosen before the insert: the sealed values are bound to it. */
  id: string;
  organizationId: string;
  kind: 'workforce' | 'patient';
  email: Uint8Array;
  emailBidx: Uint8Array;
  indexVersion: number;
  displayName: Uint8Array;
  passwordHash: string;
  status: 'pending' | 'active';
  roles: string[];
  locationIds: string[];
  providerId: string | null;
  /** Null only for a pending patient, whose record is made or found at verification. */
  patientId: string | null;
  isDemo?: boolean;
  totpSecret?: Uint8Array | null;
  totpEnabledAt?: Date | null;
  pendingIdentity?: Uint8Array | null;
  language?: 'en' | 'es' | null;
}

const accountColumns = `id::text, organization_id::text, kind, email, display_name, password_hash,
  status, roles, location_ids::text[] as location_ids, provider_id::text, patient_id::text,
  totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step::text, pending_identity,
  language, is_demo, created_at`;

export async function insertAccount(db: Queryable, a: NewAccount): Promise<AccountRow> {
  const { rows } = await db.query<AccountRow>(
    `insert into accounts (organization_id, kind, email, display_name, password_hash, status,
       roles, location_ids, provider_id, patient_id, is_demo, totp_secret, totp_enabled_at,
       email_verified_at, id, email_bidx, index_version, pending_identity, language)
     values ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12, $13,
       case when $6 = 'active' then now() end, $14, $15, $16, $17, $18)
     returning ${accountColumns}`,
    [
      a.organizationId,
      a.kind,
      a.email,
      a.displayName,
      a.passwordHash,
      a.status,
      a.roles,
      a.locationIds,
      a.providerId,
      a.patientId,
      a.isDemo ?? false,
      a.totpSecret ?? null,
      a.totpEnabledAt ?? null,
      a.id,
      a.emailBidx,
      a.indexVersion,
      a.pendingIdentity ?? null,
      a.language ?? null,
    ],
  );
  return rows[0]!;
}

/** The account whose email blind index is one of `emailBidxs` (one per live index key version). */
export async function findAccountByEmail(
  db: Queryable,
  organizationId: string,
  emailBidxs: Uint8Array[],
): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>(
    `select ${accountColumns} from accounts
      where organization_id = $1 and email_bidx = any($2::bytea[]) limit 1`,
    [organizationId, emailBidxs],
  );
  return rows[0];
}

export async function findAccount(
  db: Queryable,
  organizationId: string,
  id: string,
): Promise<AccountRow | undefined> {
  const { rows } = await db.query<AccountRow>(
    `select ${accountColumns} from accounts where organization_id = $1 and id = $2`,
    [organizationId, id],
  );
  return rows[0];
}

export async function listAccounts(db: Queryable, organizationId: string): Promise<AccountRow[]> {
  const { rows } = await db.query<AccountRow>(
    `select ${accountColumns} from accounts where organization_id = $1 order by created_at, id`,
    [organizationId],
  );
  return rows;
}

export async function updateAccount(
  db: Queryable,
  organizationId: string,
  id: string,
  change: {
    passwordHash?: string;
    status?: 'active' | 'disabled';
    roles?: string[];
    locationIds?: string[];
    emailVerified?: boolean;
    totpSecret?: Uint8Array | null;
    totpPendingSecret?: Uint8Array | null;
    totpEnabledAt?: Date | null;
    totpLastStep?: number | null;
    /** A verified patient's record; the pending identity it came from is cleared with it. */
    patientId?: string;
  },
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [organizationId, id];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (change.passwordHash !== undefined) set('password_hash', change.passwordHash);
  if (change.status !== undefined) set('status', change.status);
  if (change.roles !== undefined) set('roles', change.roles);
  if (change.locationIds !== undefined) set('location_ids', change.locationIds, '::uuid[]');
  if (change.emailVerified) sets.push('email_verified_at = coalesce(email_verified_at, now())');
  if (change.totpSecret !== undefined) set('totp_secret', change.totpSecret);
  if (change.totpPendingSecret !== undefined) set('totp_pending_secret', change.totpPendingSecret);
  if (change.totpEnabledAt !== undefined) set('totp_enabled_at', change.totpEnabledAt);
  if (change.totpLastStep !== undefined) set('totp_last_step', change.totpLastStep);
  if (change.patientId !== undefined) {
    set('patient_id', change.patientId);
    sets.push('pending_identity = null');
  }
  if (sets.length === 0) return;
  await db.query(
    `update accounts set ${sets.join(', ')} where organization_id = $1 and id = $2`,
    params,
  );
}

/**
 * Records a TOTP time step as used, only when it is later than the last one: a code accepted once
 * cannot be accepted again, even by two requests racing.
 */
export async function claimTotpStep(
  db: Queryable,
  accountId: string,
  step: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update accounts set totp_last_step = $2
      where id = $1 and (totp_last_step is null or totp_last_step < $2)`,
    [accountId, step],
  );
  return rowCount === 1;
}

/** Which of these patient records an account already claims (one account per record). */
export async function claimedPatients(
  db: Queryable,
  organizationId: string,
  patientIds: string[],
): Promise<string[]> {
  const { rows } = await db.query<{ patient_id: string }>(
    `select patient_id::text from accounts
      where organization_id = $1 and patient_id = any($2::uuid[])`,
    [organizationId, patientIds],
  );
  return rows.map((r) => r.patient_id);
}

// Recovery codes

export async function replaceRecoveryCodes(
  db: Queryable,
  accountId: string,
  hashes: Buffer[],
): Promise<void> {
  await db.query('delete from recovery_codes where account_id = $1', [accountId]);
  for (const h of hashes) {
    await db.query('insert into recovery_codes (account_id, code_hash) values ($1, $2)', [
      accountId,
      h,
    ]);
  }
}

/** Marks an unused code as used; false when there is no such unused code for the account. */
export async function useRecoveryCode(
  db: Queryable,
  accountId: string,
  hash: Buffer,
  at: Date,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `update recovery_codes set used_at = $3
      where account_id = $1 and code_hash = $2 and used_at is null`,
    [accountId, hash, at],
  );
  return rowCount === 1;
}

// Single-use tokens (email verification, password reset)

export type TokenPurpose = 'verify_email' | 'password_reset';

export async function insertAccountToken(
  db: Queryable,
  t: { accountId: string; purpose: TokenPurpose; hash: Buffer; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into account_tokens (account_id, purpose, token_hash, expires_at)
     values ($1, $2, $3, $4)`,
    [t.accountId, t.purpose, t.hash, t.expiresAt],
  );
}

/** Uses a live token once; returns its account (with organization) or nothing. */
export async function consumeAccountToken(
  db: Queryable,
  purpose: TokenPurpose,
  hash: Buffer,
  now: Date,
): Promise<{ account_id: string; organization_id: string } | undefined> {
  const { rows } = await db.query<{ account_id: string; organization_id: string }>(
    `update account_tokens t set used_at = $3
       from accounts a
      where t.token_hash = $2 and t.purpose = $1 and t.used_at is null and t.expires_at > $3
        and a.id = t.account_id
      returning t.account_id::text, a.organization_id::text`,
    [purpose, hash, now],
  );
  return rows[0];
}

// Invitations

export interface InvitationRow {
  id: string;
  organization_id: string;
  /** Sealed (identity.vault.ts). */
  email: Uint8Array;
  display_name: string;
  roles: string[];
  location_ids: string[];
  provider_id: string | null;
  expires_at: Date;
  accepted_at: Date | null;
}

export async function insertInvitation(
  db: Queryable,
  i: {
    id: string;
    organizationId: string;
    email: Uint8Array;
    emailBidx: Uint8Array;
    indexVersion: number;
    displayName: string;
    roles: string[];
    locationIds: string[];
    providerId: string | null;
    hash: Buffer;
    createdBy: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into invitations (organization_id, email, display_name, roles, location_ids,
       provider_id, token_hash, created_by, created_at, expires_at, id, email_bidx, index_version)
     values ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9, $10, $11, $12, $13) returning id::text`,
    [
      i.organizationId,
      i.email,
      i.displayName,
      i.roles,
      i.locationIds,
      i.providerId,
      i.hash,
      i.createdBy,
      i.createdAt,
      i.expiresAt,
      i.id,
      i.emailBidx,
      i.indexVersion,
    ],
  );
  return rows[0]!.id;
}

/** Takes a live invitation once (locks it); nothing when used, expired or unknown. */
export async function claimInvitation(
  db: Queryable,
  hash: Buffer,
  now: Date,
): Promise<InvitationRow | undefined> {
  const { rows } = await db.query<InvitationRow>(
    `select id::text, organization_id::text, email, display_name, roles,
            location_ids::text[] as location_ids, provider_id::text, expires_at, accepted_at
       from invitations
      where token_hash = $1 and accepted_at is null and expires_at > $2
      for update`,
    [hash, now],
  );
  return rows[0];
}

/** Invitations of the organization still waiting to be accepted, newest first. */
export async function listPendingInvitations(
  db: Queryable,
  organizationId: string,
  now: Date,
): Promise<(InvitationRow & { created_at: Date })[]> {
  const { rows } = await db.query<InvitationRow & { created_at: Date }>(
    `select id::text, organization_id::text, email, display_name, roles,
            location_ids::text[] as location_ids, provider_id::text, expires_at, accepted_at,
            created_at
       from invitations
      where organization_id = $1 and accepted_at is null and expires_at > $2
      order by created_at desc, id
      limit 200`,
    [organizationId, now],
  );
  return rows;
}

export async function markInvitationAccepted(
  db: Queryable,
  id: string,
  accountId: string,
  at: Date,
): Promise<void> {
  await db.query('update invitations set accepted_at = $3, account_id = $2 where id = $1', [
    id,
    accountId,
    at,
  ]);
}
