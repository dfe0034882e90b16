import type { Queryable } from '../db/db.ts';

export type KeyClass = 'identifiers' | 'clinical' | 'documents' | 'index';

export interface DataKeyRow {
  id: string;
  organization_id: string;
  data_class: KeyClass;
  version: number;
  kek_version: number;
  wrapped_key: Uint8Array | null;
  created_at: Date;
  retired_at: Date | null;
}

const columns =
  'id, organization_id, data_class, version, kek_version, wrapped_key, created_at, retired_at';

/** The newest usable version for new writes. */
export async function findCurrentDataKey(db: Queryable, org: string, dataClass: KeyClass) {
  const { rows } = await db.query<DataKeyRow>(
    `select ${columns} from data_keys
      where organization_id = $1 and data_class = $2 and retired_at is null
      order by version desc limit 1`,
    [org, dataClass],
  );
  return rows[0];
}

/** Every version not retired, newest first. */
export async function findLiveDataKeys(db: Queryable, org: string, dataClass: KeyClass) {
  const { rows } = await db.query<DataKeyRow>(
    `select ${columns} from data_keys
      where organization_id = $1 and data_class = $2 and retired_at is null
      order by version desc`,
    [org, dataClass],
  );
  return rows;
}

export async function findDataKey(
  db: Queryable,
  org: string,
  dataClass: KeyClass,
  version: number,
) {
  const { rows } = await db.query<DataKeyRow>(
    `select ${columns} from data_keys
      where organization_id = $1 and data_class = $2 and version = $3`,
    [org, dataClass, version],
  );
  return rows[0];
}

/** Inserts a version unless another writer got there first; returns the stored row either way. */
export async function insertDataKey(
  db: Queryable,
  row: {
    organizationId: string;
    dataClass: KeyClass;
    version: number;
    kekVersion: number;
    wrapped: Buffer;
  },
): Promise<DataKeyRow> {
  await db.query(
    `insert into data_keys (organization_id, data_class, version, kek_version, wrapped_key)
     values ($1, $2, $3, $4, $5)
     on conflict (organization_id, data_class, version) do nothing`,
    [row.organizationId, row.dataClass, row.version, row.kekVersion, row.wrapped],
  );
  const stored = await findDataKey(db, row.organizationId, row.dataClass, row.version);
  if (!stored) throw new Error('data key insert did not persist');
  return stored;
}

export async function listDataKeys(db: Queryable): Promise<DataKeyRow[]> {
  const { rows } = await db.query<DataKeyRow>(
    `select ${columns} from data_keys order by organization_id, data_class, version`,
  );
  return rows;
}

export async function rewrapDataKey(
  db: Queryable,
  id: string,
  kekVersion: number,
  wrapped: Buffer,
) {
  await db.query('update data_keys set kek_version = $2, wrapped_key = $3 where id = $1', [
    id,
    kekVersion,
    wrapped,
  ]);
}

/** Destroys the wrapped key: ciphertexts under this version can never be read again. */
export async function retireDataKey(db: Queryable, id: string) {
  await db.query(
    'update data_keys set wrapped_key = null, retired_at = now() where id = $1 and retired_at is null',
    [id],
  );
}
