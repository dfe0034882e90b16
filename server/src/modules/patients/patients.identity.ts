import type { Queryable } from '../../platform/db/db.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import { decryptEach, type RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Identity } from './patients.schema.ts';
import { nameKeys } from './patients.search-keys.ts';
import {
  identityColumns,
  type BlindIndexes,
  type IdentityColumn,
  type IdentityRow,
} from './patients.store.ts';

// How each identifier maps to its encrypted column. Structured values are stored as JSON.
const fieldOf: Record<IdentityColumn, keyof Identity> = {
  legal_name: 'legalName',
  preferred_name: 'preferredName',
  date_of_birth: 'dateOfBirth',
  sex: 'sex',
  phone: 'phone',
  email: 'email',
  address: 'address',
  mrn: 'mrn',
  insurance_member_id: 'insuranceMemberId',
};
const jsonColumns = new Set<IdentityColumn>(['legal_name', 'address']);

const table = 'patient_identity';

const where = (organizationId: string, rowId: string, column: string) => ({
  organizationId,
  dataClass: 'identifiers' as const,
  table,
  column,
  rowId,
});

/** Encrypts every identifier under the current key, bound to this row and column. */
export async function sealIdentity(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  patientId: string,
  identity: Identity,
): Promise<IdentityRow> {
  const keyVersion = await vault.currentVersion(tx, organizationId, 'identifiers');
  const row = { patient_id: patientId, organization_id: organizationId, key_version: keyVersion };
  const sealed: Partial<Record<IdentityColumn, Uint8Array | null>> = {};
  for (const column of identityColumns) {
    const value = identity[fieldOf[column]];
    sealed[column] =
      value === undefined
        ? null
        : await vault.encrypt(
            tx,
            where(organizationId, patientId, column),
            jsonColumns.has(column) ? JSON.stringify(value) : String(value),
          );
  }
  return { ...row, ...(sealed as Record<IdentityColumn, Uint8Array | null>) };
}

export async function openIdentity(
  tx: Queryable,
  vault: Vault,
  row: IdentityRow,
): Promise<Identity> {
  const identity: Record<string, unknown> = {};
  for (const column of identityColumns) {
    const c = row[column];
    if (c === null) continue;
    const text = await vault.decrypt(tx, where(row.organization_id, row.patient_id, column), c);
    identity[fieldOf[column]] = jsonColumns.has(column) ? JSON.parse(text) : text;
  }
  return identity as Identity;
}

/**
 * One contact column (email or phone) of many rows, batch-decrypted: by patient id; a value that
 * fails its integrity check is a RecordUnreadable of its own.
 */
export async function openContacts(
  tx: Queryable,
  vault: Vault,
  rows: readonly (Pick<IdentityRow, 'patient_id' | 'organization_id'> & { value: Uint8Array })[],
  column: 'email' | 'phone',
): Promise<Map<string, string | RecordUnreadable>> {
  const plain = await decryptEach(
    vault,
    tx,
    rows.map((r) => ({ at: where(r.organization_id, r.patient_id, column), ciphertext: r.value })),
  );
  return new Map(rows.map((r, i) => [r.patient_id, plain[i]!]));
}

/**
 * How staff lists show patients ("Ada Lovelace": the preferred name or else the given name, and
 * the family name), for many rows at once: the name columns only, batch-decrypted.
 */
export async function openDisplayNames(
  tx: Queryable,
  vault: Vault,
  rows: readonly Pick<
    IdentityRow,
    'patient_id' | 'organization_id' | 'legal_name' | 'preferred_name'
  >[],
): Promise<Map<string, string>> {
  const fields = rows.flatMap((r) => [
    { at: where(r.organization_id, r.patient_id, 'legal_name'), ciphertext: r.legal_name! },
    ...(r.preferred_name
      ? [
          {
            at: where(r.organization_id, r.patient_id, 'preferred_name'),
            ciphertext: r.preferred_name,
          },
        ]
      : []),
  ]);
  const plain = await vault.decryptMany(tx, fields);
  const names = new Map<string, string>();
  let i = 0;
  for (const r of rows) {
    const legal = JSON.parse(plain[i++]!) as Identity['legalName'];
    const preferred = r.preferred_name ? plain[i++]! : undefined;
    names.set(r.patient_id, `${preferred ?? legal.given} ${legal.family}`);
  }
  return names;
}

type Indexed = Pick<Identity, 'email' | 'phone' | 'mrn' | 'dateOfBirth'> & { familyName: string };

/**
 * What each blind index is computed over (the column name that derives its key). The search
 * indexes pair the birth date with a prefix or a sound code of the family name, never either alone.
 */
export type IndexedColumn =
  | 'email'
  | 'phone'
  | 'mrn'
  | 'date_of_birth+family_name'
  | 'date_of_birth+family_name_prefix'
  | 'date_of_birth+family_name_phonetic'
  | 'date_of_birth+family_name_phonetic_alt';

/** The date of birth paired with a key of the family name, as the search indexes hash it. */
export const withBirthDate = (dateOfBirth: string, key: string) =>
  `${normalize.date(dateOfBirth)}|${key}`;

/** The normalized values a patient can be found by, per blind-index column. */
function indexedValues(identity: Indexed): Record<IndexedColumn, string | null> {
  const name = nameKeys(identity.familyName);
  const dob = (key: string) => withBirthDate(identity.dateOfBirth, key);
  return {
    email: identity.email ? normalize.email(identity.email) : null,
    phone: identity.phone ? normalize.phone(identity.phone) : null,
    mrn: identity.mrn ? normalize.identifier(identity.mrn) : null,
    'date_of_birth+family_name': dob(name.exact),
    'date_of_birth+family_name_prefix': dob(name.prefix),
    'date_of_birth+family_name_phonetic': dob(name.sounds[0]),
    'date_of_birth+family_name_phonetic_alt': dob(name.sounds[1]),
  };
}

/**
 * The blind indexes to store for a patient (exact match over normalized values), under the
 * current index key, with its version.
 */
export async function identityIndexes(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  identity: Indexed,
): Promise<BlindIndexes> {
  const v = indexedValues(identity);
  const idx = (column: IndexedColumn) => {
    const value = v[column];
    return value === null ? null : vault.blindIndex(tx, organizationId, table, column, value);
  };
  return {
    email_bidx: await idx('email'),
    phone_bidx: await idx('phone'),
    mrn_bidx: await idx('mrn'),
    dob_family_name_bidx: await idx('date_of_birth+family_name'),
    dob_family_prefix_bidx: await idx('date_of_birth+family_name_prefix'),
    dob_family_phonetic_bidx: await idx('date_of_birth+family_name_phonetic'),
    dob_family_phonetic_alt_bidx: await idx('date_of_birth+family_name_phonetic_alt'),
    index_version: await vault.indexVersion(tx, organizationId),
  };
}

/** What finds a possible duplicate of this identity: its blind indexes under every live key. */
export async function duplicateIndexes(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  identity: Indexed,
) {
  const v = indexedValues(identity);
  const all = async (column: IndexedColumn) => {
    const value = v[column];
    return value === null ? [] : blindIndexFor(tx, vault, organizationId, column, value);
  };
  return {
    dobFamilyName: await all('date_of_birth+family_name'),
    phone: await all('phone'),
    email: await all('email'),
    mrn: await all('mrn'),
  };
}

/** A look-up's blind indexes: the normalized value under every live index key version. */
export async function blindIndexFor(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  column: IndexedColumn,
  normalized: string,
): Promise<Buffer[]> {
  return vault.blindIndexes(tx, organizationId, table, column, normalized);
}
