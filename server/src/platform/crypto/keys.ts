import type { Db, Queryable } from '../db/db.ts';
import {
  listDataKeys,
  retireDataKey,
  rewrapDataKey,
  type DataKeyRow,
  type KeyClass,
} from './data-keys.store.ts';
import type { KeyAudit } from './keys.audit.ts';
import { createDataKey, dataClasses, wrapAad, type Vault } from './vault.ts';

/**
 * A table holding vault ciphertexts, as its owning module describes it to key management: how
 * many rows each data key version encrypts, and how to re-encrypt a batch under the current one.
 * A table with blind indexes is described a second time with the class `index`: rows per index
 * key version, and how to recompute a batch's blind indexes under the current index key.
 */
export interface EncryptedTable {
  name: string;
  dataClass: KeyClass;
  countByVersion(
    db: Queryable,
  ): Promise<{ organizationId: string; version: number; rows: number }[]>;
  /**
   * Re-encrypts (class `index`: re-indexes, decrypting the values) up to `limit` rows of one
   * organization still under an older version; returns the ids of the rows it moved.
   */
  reencryptBatch(
    tx: Queryable,
    vault: Vault,
    organizationId: string,
    limit: number,
  ): Promise<string[]>;
}

export interface KeyInventoryRow {
  id: string;
  organizationId: string;
  dataClass: string;
  version: number;
  kekVersion: number;
  createdAt: string;
  retiredAt: string | null;
  current: boolean;
  /** Rows under this version, per table: encrypted by it, or (index keys) indexed by it. */
  rows: Record<string, number>;
}

/** The cryptographic inventory: every data key, its KEK, and how many rows it protects. */
export async function keyInventory(db: Db, tables: EncryptedTable[]): Promise<KeyInventoryRow[]> {
  const keys = await listDataKeys(db);
  const counts = await Promise.all(tables.map(async (t) => ({ t, c: await t.countByVersion(db) })));
  const newest = new Map<string, number>();
  for (const k of keys) {
    if (k.retired_at) continue;
    const id = `${k.organization_id}|${k.data_class}`;
    newest.set(id, Math.max(newest.get(id) ?? 0, k.version));
  }
  return keys.map((k) => {
    const rows: Record<string, number> = {};
    for (const { t, c } of counts) {
      if (t.dataClass !== k.data_class) continue;
      rows[t.name] = c
        .filter((r) => r.organizationId === k.organization_id && r.version === k.version)
        .reduce((n, r) => n + r.rows, 0);
    }
    return {
      id: k.id,
      organizationId: k.organization_id,
      dataClass: k.data_class,
      version: k.version,
      kekVersion: k.kek_version,
      createdAt: k.created_at.toISOString(),
      retiredAt: k.retired_at?.toISOString() ?? null,
      current: newest.get(`${k.organization_id}|${k.data_class}`) === k.version,
      rows,
    };
  });
}

export interface RotationResult {
  created: { id: string; organizationId: string; dataClass: string; version: number }[];
  rewrapped: number;
  kekVersion: number;
}

/**
 * New key versions for every organization and class in use (new writes use them at once), and
 * every live data key re-wrapped under the keyring's newest KEK. By default the data classes;
 * with `['index']`, the blind-index keys instead: new blind indexes use the new version, look-ups
 * match every live version until the re-index job has moved every row (docs/security/encryption.md).
 * With `audit`, the rotation's events commit with it: `keys.rotate` (`keys.index.rotate`) per
 * organization with the new versions' ids, and `keys.rewrap` per organization whose keys were
 * re-wrapped, naming the KEK version.
 */
export async function rotateKeys(
  db: Db,
  vault: Vault,
  classes: readonly KeyClass[] = dataClasses,
  audit?: KeyAudit,
): Promise<RotationResult> {
  const kekVersion = Math.max(...vault.keyring.versions());
  return db.transaction(async (tx) => {
    const keys = await listDataKeys(tx);
    const result: RotationResult = { created: [], rewrapped: 0, kekVersion };
    const rewrapped: { organizationId: string; id: string }[] = [];
    for (const k of keys) {
      if (k.retired_at || k.kek_version === kekVersion) continue;
      await rewrap(tx, vault, k, kekVersion);
      rewrapped.push({ organizationId: k.organization_id, id: k.id });
    }
    result.rewrapped = rewrapped.length;
    const highest = new Map<string, DataKeyRow>();
    for (const k of keys) {
      const id = `${k.organization_id}|${k.data_class}`;
      if ((highest.get(id)?.version ?? 0) < k.version) highest.set(id, k);
    }
    for (const k of highest.values()) {
      if (!classes.includes(k.data_class)) continue;
      const key = await createDataKey(
        tx,
        vault.keyring,
        k.organization_id,
        k.data_class,
        k.version + 1,
      );
      result.created.push({
        id: key.id,
        organizationId: k.organization_id,
        dataClass: k.data_class,
        version: k.version + 1,
      });
    }
    const action = classes.includes('index') ? 'keys.index.rotate' : 'keys.rotate';
    await audit?.perOrganization({ action, resourceType: 'data_key' }, result.created, tx);
    const kek = { action: 'keys.rewrap', resourceType: 'kek', resourceId: `${kekVersion}` };
    if (rewrapped.length > 0) await audit?.perOrganization(kek, rewrapped, tx);
    return result;
  });
}

async function rewrap(tx: Queryable, vault: Vault, k: DataKeyRow, kekVersion: number) {
  const aad = wrapAad(k.organization_id, k.data_class, k.version);
  const key = await vault.keyring.unwrap(k.kek_version, Buffer.from(k.wrapped_key!), aad);
  await rewrapDataKey(tx, k.id, kekVersion, await vault.keyring.wrap(kekVersion, key, aad));
}

export interface ReencryptProgress {
  table: string;
  dataClass: KeyClass;
  organizationId: string;
  done: number;
  remaining: number;
}

/**
 * Moves every row onto its class's current data key, one batch per transaction, so reads and
 * writes carry on throughout (a row is readable under either version while it waits). Safe to
 * run in several processes at once (rows are locked with SKIP LOCKED) and to resume. With `audit`,
 * each batch leaves one event in its own transaction: `keys.reencrypt` (`keys.reindex` for index
 * keys) with the table as resource type and the ids of its rows (at most one batch, 200 by default).
 */
export async function reencryptAll(
  db: Db,
  vault: Vault,
  tables: EncryptedTable[],
  opts: { batchSize?: number; onProgress?: (p: ReencryptProgress) => void; audit?: KeyAudit } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? 200;
  let total = 0;
  for (const table of tables) {
    const orgs = [...new Set((await table.countByVersion(db)).map((r) => r.organizationId))];
    for (const org of orgs) {
      const current = await db.transaction((tx) => vault.currentVersion(tx, org, table.dataClass));
      const stale = async () =>
        (await table.countByVersion(db))
          .filter((r) => r.organizationId === org && r.version < current)
          .reduce((n, r) => n + r.rows, 0);
      let done = 0;
      for (;;) {
        const n = await db.transaction((tx) =>
          reencryptBatch(tx, vault, table, org, batchSize, opts.audit),
        );
        if (n === 0) break;
        done += n;
        total += n;
        opts.onProgress?.({
          table: table.name,
          dataClass: table.dataClass,
          organizationId: org,
          done,
          remaining: await stale(),
        });
      }
    }
  }
  return total;
}

async function reencryptBatch(
  tx: Queryable,
  vault: Vault,
  table: EncryptedTable,
  organizationId: string,
  limit: number,
  audit?: KeyAudit,
) {
  const moved = await table.reencryptBatch(tx, vault, organizationId, limit);
  if (moved.length === 0) return 0;
  await audit?.record(
    {
      action: table.dataClass === 'index' ? 'keys.reindex' : 'keys.reencrypt',
      resourceType: table.name,
      organizationId,
      resourceIds: moved,
    },
    tx,
  );
  return moved.length;
}

interface KeyRef {
  id: string;
  organizationId: string;
  dataClass: string;
  version: number;
}

export interface RetireResult {
  retired: KeyRef[];
  stillInUse: (KeyRef & { rows: number })[];
}

/**
 * Destroys the wrapped key of every older version that no row uses any more (for index keys: no
 * row's blind indexes). A version still in use is kept and reported (finish re-encryption or
 * re-indexing first). With `audit`: `keys.retire` per organization with the retired versions' ids,
 * and a `failed` one per organization with the ids of versions kept because rows still use them.
 */
export async function retireUnusedKeys(
  db: Db,
  vault: Vault,
  tables: EncryptedTable[],
  audit?: KeyAudit,
): Promise<RetireResult> {
  const inventory = await keyInventory(db, tables);
  const result: RetireResult = { retired: [], stillInUse: [] };
  await db.transaction(async (tx) => {
    for (const k of inventory) {
      if (k.retiredAt || k.current) continue;
      const rows = Object.values(k.rows).reduce((a, b) => a + b, 0);
      const ref = {
        id: k.id,
        organizationId: k.organizationId,
        dataClass: k.dataClass,
        version: k.version,
      };
      if (rows > 0) {
        result.stillInUse.push({ ...ref, rows });
        continue;
      }
      await retireDataKey(tx, k.id);
      result.retired.push(ref);
    }
    const event = { action: 'keys.retire', resourceType: 'data_key' };
    if (result.retired.length > 0 || result.stillInUse.length === 0)
      await audit?.perOrganization(event, result.retired, tx);
    if (result.stillInUse.length > 0)
      await audit?.perOrganization({ ...event, outcome: 'failed' }, result.stillInUse, tx);
  });
  vault.forget();
  return result;
}
