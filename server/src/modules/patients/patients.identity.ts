import type { Queryable } from '../../platform/db/db.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Identity } from './patients.schema.ts';
import {
  identityColumns,
  type IdentityColumn,
  type IdentityRow,
  type IdentityWrite,
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

/** The blind indexes a patient can be found by (exact match over normalized values). */
export async function identityIndexes(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  identity: Pick<Identity, 'email' | 'phone' | 'mrn' | 'dateOfBirth'> & { familyName: string },
) {
  const idx = (column: string, value: string) =>
    vault.blindIndex(tx, organizationId, table, column, value);
  return {
    email_bidx: identity.email ? await idx('email', normalize.email(identity.email)) : null,
    phone_bidx: identity.phone ? await idx('phone', normalize.phone(identity.phone)) : null,
    mrn_bidx: identity.mrn ? await idx('mrn', normalize.identifier(identity.mrn)) : null,
    dob_family_name_bidx: await idx(
      'date_of_birth+family_name',
      `${normalize.date(identity.dateOfBirth)}|${normalize.name(identity.familyName)}`,
    ),
  } satisfies Omit<IdentityWrite, keyof IdentityRow>;
}

export async function blindIndexFor(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  column: 'email' | 'phone' | 'mrn' | 'date_of_birth+family_name',
  normalized: string,
) {
  return vault.blindIndex(tx, organizationId, table, column, normalized);
}
