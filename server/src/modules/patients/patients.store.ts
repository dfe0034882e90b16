import type { Queryable } from '../../platform/db/db.ts';

/** The encrypted identifier columns of patient_identity, as stored (vault ciphertexts). */
export const identityColumns = [
  'legal_name',
  'preferred_name',
  'date_of_birth',
  'sex',
  'phone',
  'email',
  'address',
  'mrn',
  'insurance_member_id',
] as const;
export type IdentityColumn = (typeof identityColumns)[number];

export const blindIndexColumns = [
  'email_bidx',
  'phone_bidx',
  'dob_family_name_bidx',
  'mrn_bidx',
  // Search (0080): date of birth + the family name's first letters, and + each sound code.
  'dob_family_prefix_bidx',
  'dob_family_phonetic_bidx',
  'dob_family_phonetic_alt_bidx',
] as const;
export type BlindIndexColumn = (typeof blindIndexColumns)[number];

export interface IdentityRow extends Record<IdentityColumn, Uint8Array | null> {
  patient_id: string;
  organization_id: string;
  key_version: number;
}

export type BlindIndexes = Record<BlindIndexColumn, Uint8Array | null> & {
  /** The index key version the blind indexes were computed under. */
  index_version: number;
};
export type IdentityWrite = IdentityRow & BlindIndexes;

const selectIdentity = `select i.patient_id, i.organization_id, i.key_version, ${identityColumns
  .map((c) => `i.${c}`)
  .join(', ')}, p.created_at
  from patient_identity i join patients p on p.id = i.patient_id and p.organization_id = i.organization_id`;

export async function insertPatient(tx: Queryable, organizationId: string): Promise<string> {
  const { rows } = await tx.query<{ id: string }>(
    'insert into patients (organization_id) values ($1) returning id',
    [organizationId],
  );
  return rows[0]!.id;
}

export async function insertIdentity(tx: Queryable, row: IdentityWrite): Promise<void> {
  const cols = [
    'patient_id',
    'organization_id',
    'key_version',
    ...identityColumns,
    ...blindIndexColumns,
    'index_version',
  ];
  await tx.query(
    `insert into patient_identity (${cols.join(', ')})
     values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    cols.map((c) => row[c as keyof IdentityWrite]),
  );
}

export async function findIdentity(
  db: Queryable,
  organizationId: string,
  patientId: string,
): Promise<(IdentityRow & { created_at: Date }) | undefined> {
  const { rows } = await db.query<IdentityRow & { created_at: Date }>(
    `${selectIdentity} where i.organization_id = $1 and i.patient_id = $2`,
    [organizationId, patientId],
  );
  return rows[0];
}

/** The name columns only (still ciphertexts) of these patients of the organization. */
export async function findNames(
  db: Queryable,
  organizationId: string,
  patientIds: readonly string[],
): Promise<
  Pick<IdentityRow, 'patient_id' | 'organization_id' | 'legal_name' | 'preferred_name'>[]
> {
  const { rows } = await db.query<
    Pick<IdentityRow, 'patient_id' | 'organization_id' | 'legal_name' | 'preferred_name'>
  >(
    `select patient_id, organization_id, legal_name, preferred_name from patient_identity
      where organization_id = $1 and patient_id = any($2::uuid[])`,
    [organizationId, patientIds],
  );
  return rows;
}

/** One contact column (email or phone, still ciphertexts) of these patients, where they have one. */
export async function findContacts(
  db: Queryable,
  organizationId: string,
  patientIds: readonly string[],
  column: 'email' | 'phone',
): Promise<(Pick<IdentityRow, 'patient_id' | 'organization_id'> & { value: Uint8Array })[]> {
  const { rows } = await db.query<
    Pick<IdentityRow, 'patient_id' | 'organization_id'> & { value: Uint8Array }
  >(
    `select patient_id, organization_id, ${column === 'email' ? 'email' : 'phone'} as value
       from patient_identity
      where organization_id = $1 and patient_id = any($2::uuid[])
        and ${column === 'email' ? 'email' : 'phone'} is not null`,
    [organizationId, patientIds],
  );
  return rows;
}

/**
 * Patients whose blind index in `column` equals one of `values` (the value under each live index
 * key version): exact match, nothing else.
 */
export async function findByBlindIndex(
  db: Queryable,
  organizationId: string,
  column: BlindIndexColumn,
  values: Uint8Array[],
): Promise<string[]> {
  if (!blindIndexColumns.includes(column)) throw new Error('not a blind index column');
  const { rows } = await db.query<{ patient_id: string }>(
    `select patient_id from patient_identity
      where organization_id = $1 and ${column} = any($2::bytea[])
      order by patient_id limit 50`,
    [organizationId, values],
  );
  return rows.map((r) => r.patient_id);
}

/**
 * Same date of birth and family name, and the same phone or email (each blind index under every
 * live index key version; a row's indexes are all under one version).
 */
export async function findPossibleDuplicates(
  db: Queryable,
  organizationId: string,
  idx: { dobFamilyName: Uint8Array[]; phone: Uint8Array[]; email: Uint8Array[] },
): Promise<string[]> {
  const { rows } = await db.query<{ patient_id: string }>(
    `select patient_id from patient_identity
      where organization_id = $1 and dob_family_name_bidx = any($2::bytea[])
        and (phone_bidx = any($3::bytea[]) or email_bidx = any($4::bytea[]))
      order by patient_id limit 20`,
    [organizationId, idx.dobFamilyName, idx.phone, idx.email],
  );
  return rows.map((r) => r.patient_id);
}

/**
 * Same date of birth and family name, and the same email: the candidates for a certain match
 * (patients.self-service.ts), each blind index under every live index key version.
 */
export async function findCertainMatches(
  db: Queryable,
  organizationId: string,
  idx: { dobFamilyName: Uint8Array[]; email: Uint8Array[] },
): Promise<string[]> {
  if (idx.email.length === 0) return [];
  const { rows } = await db.query<{ patient_id: string }>(
    `select patient_id from patient_identity
      where organization_id = $1 and dob_family_name_bidx = any($2::bytea[])
        and email_bidx = any($3::bytea[])
      order by patient_id limit 20`,
    [organizationId, idx.dobFamilyName, idx.email],
  );
  return rows.map((r) => r.patient_id);
}

/** Locks patients rows for the transaction (in id order); returns the ids that exist. */
export async function lockPatients(
  tx: Queryable,
  organizationId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `select id::text from patients where organization_id = $1 and id = any($2::uuid[])
      order by id for update`,
    [organizationId, ids],
  );
  return rows.map((r) => r.id);
}

export async function countPatients(db: Queryable, organizationId: string) {
  const { rows } = await db.query<{ total: string; last_30_days: string }>(
    `select count(*) as total,
            count(*) filter (where created_at > now() - interval '30 days') as last_30_days
       from patients where organization_id = $1`,
    [organizationId],
  );
  return { total: Number(rows[0]!.total), registeredLast30Days: Number(rows[0]!.last_30_days) };
}

/**
 * The version column of a row's ciphertexts (`key_version`, a data key) or of its blind indexes
 * (`index_version`, an index key).
 */
export type VersionColumn = 'key_version' | 'index_version';

/** Rows still under an older key version, locked for re-encryption or re-indexing by one worker. */
export async function lockStaleIdentities(
  tx: Queryable,
  organizationId: string,
  currentVersion: number,
  limit: number,
  by: VersionColumn = 'key_version',
): Promise<IdentityRow[]> {
  const column = by === 'index_version' ? 'index_version' : 'key_version';
  const { rows } = await tx.query<IdentityRow>(
    `select patient_id, organization_id, key_version, ${identityColumns.join(', ')}
       from patient_identity
      where organization_id = $1 and ${column} < $2
      order by patient_id limit $3
      for update skip locked`,
    [organizationId, currentVersion, limit],
  );
  return rows;
}

/**
 * Rows stored before migration 0080 (no search indexes yet), of any organization, locked for the
 * start-up backfill that indexes them; `skip` lists rows it could not read.
 */
export async function lockUnindexedIdentities(
  tx: Queryable,
  limit: number,
  skip: string[] = [],
): Promise<IdentityRow[]> {
  const { rows } = await tx.query<IdentityRow>(
    `select patient_id, organization_id, key_version, ${identityColumns.join(', ')}
       from patient_identity
      where dob_family_prefix_bidx is null and patient_id <> all($2::uuid[])
      order by patient_id limit $1
      for update skip locked`,
    [limit, skip],
  );
  return rows;
}

export async function updateIdentityCiphertexts(tx: Queryable, row: IdentityRow): Promise<void> {
  const sets = identityColumns.map((c, i) => `${c} = $${i + 4}`).join(', ');
  await tx.query(
    `update patient_identity set key_version = $3, ${sets}, updated_at = now()
      where organization_id = $1 and patient_id = $2`,
    [row.organization_id, row.patient_id, row.key_version, ...identityColumns.map((c) => row[c])],
  );
}

export async function countIdentitiesByVersion(db: Queryable, by: VersionColumn = 'key_version') {
  const column = by === 'index_version' ? 'index_version' : 'key_version';
  const { rows } = await db.query<{ organization_id: string; version: number; rows: string }>(
    `select organization_id, ${column} as version, count(*) as rows from patient_identity
      group by organization_id, ${column}`,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    version: r.version,
    rows: Number(r.rows),
  }));
}

export async function organizationsWithIdentities(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ organization_id: string }>(
    'select distinct organization_id from patient_identity',
  );
  return rows.map((r) => r.organization_id);
}

export async function updateBlindIndexes(
  tx: Queryable,
  organizationId: string,
  patientId: string,
  idx: BlindIndexes,
): Promise<void> {
  const sets = blindIndexColumns.map((c, i) => `${c} = $${i + 4}`).join(', ');
  await tx.query(
    `update patient_identity set index_version = $3, ${sets}
      where organization_id = $1 and patient_id = $2`,
    [organizationId, patientId, idx.index_version, ...blindIndexColumns.map((c) => idx[c])],
  );
}
