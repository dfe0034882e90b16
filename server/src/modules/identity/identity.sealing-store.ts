import { keyVersionSql } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';

/**
 * The SQL of sealed identity columns for key management: legacy plaintext waiting to be sealed
 * (migrations 0050 and 0060), ciphertexts per data key version, and rows to re-encrypt.
 */
export type SealedTableName = 'accounts' | 'invitations' | 'one_time_codes';
/** The tables with an email and its blind index (and legacy plaintext sealed at start). */
export type EmailTableName = 'accounts' | 'invitations';

export const sealedColumns = {
  accounts: ['email', 'display_name', 'totp_secret', 'totp_pending_secret', 'pending_identity'],
  invitations: ['email'],
  one_time_codes: ['payload'],
} as const satisfies Record<SealedTableName, readonly string[]>;

const legacyColumns: Record<EmailTableName, string[]> = {
  accounts: [
    'legacy_email',
    'legacy_display_name',
    'legacy_totp_secret',
    'legacy_totp_pending_secret',
  ],
  invitations: ['legacy_email'],
};

export interface LegacyRow {
  id: string;
  organization_id: string;
  legacy_email: string | null;
  legacy_display_name: string | null;
  legacy_totp_secret: string | null;
  legacy_totp_pending_secret: string | null;
}

/** Rows still holding plaintext from before 0050 (display names: 0060), locked for sealing. */
export async function lockLegacyRows(
  tx: Queryable,
  table: EmailTableName,
  limit: number,
): Promise<LegacyRow[]> {
  const cols = legacyColumns[table];
  const select = legacyColumns.accounts
    .map((c) => (cols.includes(c) ? c : `null::text as ${c}`))
    .join(', ');
  const where = cols.map((c) => `${c} is not null`).join(' or ');
  const { rows } = await tx.query<LegacyRow>(
    `select id::text, organization_id::text, ${select}
       from ${table} where ${where} order by id limit $1 for update skip locked`,
    [limit],
  );
  return rows;
}

/** Writes sealed values (those given) and clears every legacy plaintext column of the row. */
export async function storeSealed(
  tx: Queryable,
  table: SealedTableName,
  id: string,
  sealed: Record<string, Uint8Array | number | null>,
  clearLegacy: boolean,
): Promise<void> {
  const entries = Object.entries(sealed);
  const sets = entries.map(([c], i) => `${c} = $${i + 2}`);
  if (clearLegacy && table !== 'one_time_codes') {
    sets.push(...legacyColumns[table].map((c) => `${c} = null`));
  }
  if (sets.length === 0) return;
  await tx.query(`update ${table} set ${sets.join(', ')} where id = $1`, [
    id,
    ...entries.map(([, v]) => v),
  ]);
}

/** Ciphertexts per organization and data key version (each sealed column counts). */
export async function countSealedByVersion(db: Queryable, table: SealedTableName) {
  const parts = sealedColumns[table].map(
    (c) =>
      `select organization_id, ${keyVersionSql(c)} as version from ${table} where ${c} is not null`,
  );
  const { rows } = await db.query<{ organization_id: string; version: number; rows: string }>(
    `select organization_id::text, version, count(*) as rows from (${parts.join(' union all ')}) s
      group by organization_id, version`,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    version: r.version,
    rows: Number(r.rows),
  }));
}

export type SealedRow = { id: string; organization_id: string } & Record<string, Uint8Array | null>;

/** Rows with any ciphertext under a version older than `current`, locked for re-encryption. */
export async function lockStaleSealed(
  tx: Queryable,
  table: SealedTableName,
  organizationId: string,
  current: number,
  limit: number,
): Promise<SealedRow[]> {
  const cols = sealedColumns[table];
  const stale = cols.map((c) => `(${c} is not null and ${keyVersionSql(c)} < $2)`).join(' or ');
  const { rows } = await tx.query<SealedRow>(
    `select id::text, organization_id::text, ${cols.join(', ')} from ${table}
      where organization_id = $1 and (${stale}) order by id limit $3 for update skip locked`,
    [organizationId, current, limit],
  );
  return rows;
}

/** Rows whose email blind index is under an older index key version, locked for re-indexing. */
export async function lockStaleEmailIndexes(
  tx: Queryable,
  table: EmailTableName,
  organizationId: string,
  current: number,
  limit: number,
): Promise<{ id: string; organization_id: string; email: Uint8Array }[]> {
  const { rows } = await tx.query<{ id: string; organization_id: string; email: Uint8Array }>(
    `select id::text, organization_id::text, email from ${table}
      where organization_id = $1 and index_version < $2 and email is not null
      order by id limit $3 for update skip locked`,
    [organizationId, current, limit],
  );
  return rows;
}

export async function countByIndexVersion(db: Queryable, table: EmailTableName) {
  const { rows } = await db.query<{ organization_id: string; index_version: number; rows: string }>(
    `select organization_id::text, index_version, count(*) as rows from ${table}
      where index_version is not null group by organization_id, index_version`,
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    version: r.index_version,
    rows: Number(r.rows),
  }));
}
