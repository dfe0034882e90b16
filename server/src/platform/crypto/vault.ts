import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.ts';
import type { Keyring } from './keyring.ts';
import {
  findCurrentDataKey,
  findDataKey,
  findLiveDataKeys,
  insertDataKey,
  type DataKeyRow,
  type KeyClass,
} from './data-keys.store.ts';

/** What a field's data key is for. Index keys are separate and never encrypt anything. */
export type DataClass = 'identifiers' | 'clinical' | 'documents';
export const dataClasses: readonly DataClass[] = ['identifiers', 'clinical', 'documents'];

/** Where a ciphertext lives: bound into it as additional authenticated data. */
export interface FieldLocation {
  organizationId: string;
  dataClass: DataClass;
  table: string;
  column: string;
  rowId: string;
}

/**
 * A ciphertext that does not decrypt: flipped bytes, moved to another row or column, or naming a
 * key version that is wrong or retired. Internal: says where, never what.
 */
export class DecryptionFailed extends Error {
  override name = 'DecryptionFailed';
  readonly location: Omit<FieldLocation, 'organizationId'>;
  readonly keyVersion: number | undefined;
  constructor(location: FieldLocation, keyVersion: number | undefined, reason: string) {
    super(
      `${location.table}.${location.column} of row ${location.rowId} did not decrypt (key version ${keyVersion ?? '?'}): ${reason}`,
    );
    this.location = {
      dataClass: location.dataClass,
      table: location.table,
      column: location.column,
      rowId: location.rowId,
    };
    this.keyVersion = keyVersion;
  }
}

// Ciphertext layout: format byte, data key version (u32 BE), 96-bit nonce, body, 128-bit GCM tag.
const format = 0x01;
const headerLength = 1 + 4 + 12;
const tagLength = 16;
const blindIndexLength = 16;

export interface Vault {
  readonly keyring: Keyring;
  /** Encrypts under the current data key of the field's class, creating version 1 on first use. */
  encrypt(tx: Queryable, at: FieldLocation, plaintext: string | Uint8Array): Promise<Buffer>;
  decrypt(tx: Queryable, at: FieldLocation, ciphertext: Uint8Array): Promise<string>;
  /** The same, for binary content (documents). */
  decryptBytes(tx: Queryable, at: FieldLocation, ciphertext: Uint8Array): Promise<Buffer>;
  /**
   * Many fields at once (a schedule's patient names): each data key version they name is read
   * once, not once per field. Fails, like `decrypt`, on the first field that does not decrypt.
   */
  decryptMany(
    tx: Queryable,
    fields: readonly { at: FieldLocation; ciphertext: Uint8Array }[],
  ): Promise<string[]>;
  /** The data key version a ciphertext names (for inventory and re-encryption). */
  versionOf(ciphertext: Uint8Array): number;
  /** The version new writes of this class use (for `index`: new blind indexes). */
  currentVersion(tx: Queryable, organizationId: string, dataClass: KeyClass): Promise<number>;
  /**
   * Truncated HMAC-SHA256 of an already normalized value, under a key derived with HKDF for this
   * table and column from the organization's current index key. Reveals equality, nothing else.
   * For writes: store it with `indexVersion`.
   */
  blindIndex(
    tx: Queryable,
    organizationId: string,
    table: string,
    column: string,
    normalized: string,
  ): Promise<Buffer>;
  /**
   * The same value under every live index key version, newest first: what a look-up matches, so
   * rows not yet re-indexed after an index key rotation are still found.
   */
  blindIndexes(
    tx: Queryable,
    organizationId: string,
    table: string,
    column: string,
    normalized: string,
  ): Promise<Buffer[]>;
  /** The index key version `blindIndex` uses now (creating version 1 on first use). */
  indexVersion(tx: Queryable, organizationId: string): Promise<number>;
  /** Forgets unwrapped keys held in memory (after retiring a version). */
  forget(): void;
}

export function createVault(keyring: Keyring): Vault {
  // Unwrapped keys by data key row id: a row id is never reused, so a rolled-back key is never hit.
  const cache = new Map<string, Buffer>();

  const unwrap = async (row: DataKeyRow): Promise<Buffer> => {
    const hit = cache.get(row.id);
    if (hit) return hit;
    if (!row.wrapped_key) throw new Error(`data key ${row.data_class} v${row.version} is retired`);
    const key = await keyring.unwrap(
      row.kek_version,
      Buffer.from(row.wrapped_key),
      wrapAad(row.organization_id, row.data_class, row.version),
    );
    cache.set(row.id, key);
    return key;
  };

  const current = async (tx: Queryable, org: string, dataClass: KeyClass): Promise<DataKeyRow> => {
    const row = await findCurrentDataKey(tx, org, dataClass);
    if (row) return row;
    return createDataKey(tx, keyring, org, dataClass, 1);
  };

  /** The ciphertext's parts, and its key version; refuses bytes that are no vault ciphertext. */
  const parse = (at: FieldLocation, ciphertext: Uint8Array) => {
    const data = Buffer.from(ciphertext);
    if (data.length < headerLength + tagLength || data.readUInt8(0) !== format) {
      throw new DecryptionFailed(at, undefined, 'not a vault ciphertext');
    }
    return { data, version: data.readUInt32BE(1) };
  };

  const dataKey = async (tx: Queryable, at: FieldLocation, version: number): Promise<Buffer> => {
    const row = await findDataKey(tx, at.organizationId, at.dataClass, version);
    if (!row) throw new DecryptionFailed(at, version, 'no such key version');
    if (!row.wrapped_key) throw new DecryptionFailed(at, version, 'key version is retired');
    return unwrap(row);
  };

  const open = (key: Buffer, at: FieldLocation, version: number, data: Buffer): Buffer => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(5, headerLength));
      decipher.setAAD(fieldAad(at, version));
      decipher.setAuthTag(data.subarray(data.length - tagLength));
      return Buffer.concat([
        decipher.update(data.subarray(headerLength, data.length - tagLength)),
        decipher.final(),
      ]);
    } catch {
      throw new DecryptionFailed(at, version, 'authentication failed');
    }
  };

  const decryptBytes = async (
    tx: Queryable,
    at: FieldLocation,
    ciphertext: Uint8Array,
  ): Promise<Buffer> => {
    const { data, version } = parse(at, ciphertext);
    return open(await dataKey(tx, at, version), at, version, data);
  };

  return {
    keyring,
    async encrypt(tx, at, plaintext) {
      const row = await current(tx, at.organizationId, at.dataClass);
      const key = await unwrap(row);
      const nonce = randomBytes(12);
      const header = Buffer.alloc(5);
      header.writeUInt8(format, 0);
      header.writeUInt32BE(row.version, 1);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(fieldAad(at, row.version));
      const input = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
      const body = Buffer.concat([cipher.update(input), cipher.final()]);
      return Buffer.concat([header, nonce, body, cipher.getAuthTag()]);
    },
    async decrypt(tx, at, ciphertext) {
      return (await decryptBytes(tx, at, ciphertext)).toString('utf8');
    },
    decryptBytes,
    async decryptMany(tx, fields) {
      const keys = new Map<string, Buffer>();
      const out: string[] = [];
      for (const { at, ciphertext } of fields) {
        const { data, version } = parse(at, ciphertext);
        const k = `${at.organizationId}|${at.dataClass}|${version}`;
        let key = keys.get(k);
        if (!key) keys.set(k, (key = await dataKey(tx, at, version)));
        out.push(open(key, at, version, data).toString('utf8'));
      }
      return out;
    },
    versionOf(ciphertext) {
      return Buffer.from(ciphertext).readUInt32BE(1);
    },
    async currentVersion(tx, org, dataClass) {
      return (await current(tx, org, dataClass)).version;
    },
    async blindIndex(tx, org, table, column, normalized) {
      return hmacIndex(
        await unwrap(await current(tx, org, 'index')),
        org,
        table,
        column,
        normalized,
      );
    },
    async blindIndexes(tx, org, table, column, normalized) {
      const live = await findLiveDataKeys(tx, org, 'index');
      if (live.length === 0) live.push(await current(tx, org, 'index'));
      const out: Buffer[] = [];
      for (const row of live) {
        out.push(hmacIndex(await unwrap(row), org, table, column, normalized));
      }
      return out;
    },
    async indexVersion(tx, org) {
      return (await current(tx, org, 'index')).version;
    },
    forget() {
      cache.clear();
    },
  };
}

/** Creates (or finds, when another writer won) a data key version, wrapped by the newest KEK. */
export async function createDataKey(
  tx: Queryable,
  keyring: Keyring,
  organizationId: string,
  dataClass: KeyClass,
  version: number,
): Promise<DataKeyRow> {
  const kekVersion = Math.max(...keyring.versions());
  const wrapped = await keyring.wrap(
    kekVersion,
    randomBytes(32),
    wrapAad(organizationId, dataClass, version),
  );
  return insertDataKey(tx, { organizationId, dataClass, version, kekVersion, wrapped });
}

export function wrapAad(org: string, dataClass: string, version: number): string {
  return `hourglass/data-key|${org}|${dataClass}|v${version}`;
}

function hmacIndex(root: Buffer, org: string, table: string, column: string, normalized: string) {
  const key = Buffer.from(
    hkdfSync('sha256', root, Buffer.from(org), `hourglass/blind-index|${table}|${column}`, 32),
  );
  return createHmac('sha256', key)
    .update(normalized, 'utf8')
    .digest()
    .subarray(0, blindIndexLength);
}

function fieldAad(at: FieldLocation, version: number): Buffer {
  return Buffer.from(
    `hourglass/field|${at.organizationId}|${at.dataClass}|${at.table}|${at.column}|${at.rowId}|v${version}`,
  );
}

/**
 * SQL for the data key version a vault ciphertext in `column` names (bytes 2–5 of its header),
 * for tables that count and re-encrypt by the ciphertexts themselves rather than a row column.
 */
export function keyVersionSql(column: string): string {
  return `('x' || encode(substring(${column} from 2 for 4), 'hex'))::bit(32)::int`;
}
