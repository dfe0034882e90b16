import type { EncryptedTable } from './keys.ts';
import type { DataClass, FieldLocation } from './vault.ts';

/**
 * One vault-encrypted `bytea` column of a table with `id` and `organization_id`, for key
 * inventory and re-encryption: the data key version is read from the ciphertext itself (bytes
 * 1–4, big-endian, vault.ts), and a batch is decrypted and encrypted again at the same location.
 * `field` is the column name bound into the ciphertext when it differs from the stored one.
 */
export function sealedColumnTable(s: {
  table: string;
  column: string;
  field?: string;
  dataClass: DataClass;
}): EncryptedTable {
  const { table, column, dataClass } = s;
  const version = `(get_byte(${column}, 1) << 24 | get_byte(${column}, 2) << 16
    | get_byte(${column}, 3) << 8 | get_byte(${column}, 4))`;
  const at = (organizationId: string, rowId: string): FieldLocation => ({
    organizationId,
    dataClass,
    table,
    column: s.field ?? column,
    rowId,
  });
  return {
    name: table,
    dataClass,
    async countByVersion(db) {
      const { rows } = await db.query<{ organization_id: string; version: number; rows: string }>(
        `select organization_id::text as organization_id, ${version} as version,
                count(*)::text as rows
           from ${table} where ${column} is not null
          group by organization_id, ${version}`,
      );
      return rows.map((r) => ({
        organizationId: r.organization_id,
        version: Number(r.version),
        rows: Number(r.rows),
      }));
    },
    async reencryptBatch(tx, vault, organizationId, limit) {
      const current = await vault.currentVersion(tx, organizationId, dataClass);
      const { rows } = await tx.query<{ id: string; sealed: Uint8Array }>(
        `select id::text as id, ${column} as sealed from ${table}
          where organization_id = $1 and ${column} is not null and ${version} < $2
          order by id limit $3 for update skip locked`,
        [organizationId, current, limit],
      );
      for (const r of rows) {
        const where = at(organizationId, r.id);
        const plain = await vault.decrypt(tx, where, r.sealed);
        await tx.query(`update ${table} set ${column} = $2 where id = $1`, [
          r.id,
          await vault.encrypt(tx, where, plain),
        ]);
      }
      return rows.map((r) => r.id);
    },
  };
}
