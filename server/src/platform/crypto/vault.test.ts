import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { migrate } from '../db/migrate.ts';
import {
  KeyringError,
  localKeyringLabel,
  openEnvKeyring,
  openLocalKeyring,
  parseEnvKeys,
} from './keyring.ts';
import { normalize } from './normalize.ts';
import { createVault, DecryptionFailed, type FieldLocation } from './vault.ts';

let t: TestDb;
let org: string;
let otherOrg: string;
const vault = createVault(openEnvKeyring(randomBytes(32).toString('base64')));

beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
  const { rows } = await t.db.query<{ id: string }>(
    `insert into organizations (slug, name) values ('a', 'Clinic A'), ('b', 'Clinic B') returning id`,
  );
  org = rows[0]!.id;
  otherOrg = rows[1]!.id;
});
afterAll(() => t.drop());

const at = (over: Partial<FieldLocation> = {}): FieldLocation => ({
  organizationId: org,
  dataClass: 'identifiers',
  table: 'patient_identity',
  column: 'email',
  rowId: '00000000-0000-4000-8000-000000000001',
  ...over,
});

describe('field encryption', () => {
  it('reads back what it wrote, and the ciphertext holds no trace of the value', async () => {
    const c = await vault.encrypt(t.db, at(), 'canary-ada@example.org');
    expect(c.includes(Buffer.from('canary-ada'))).toBe(false);
    expect(await vault.decrypt(t.db, at(), c)).toBe('canary-ada@example.org');
  });

  it('uses a fresh nonce each time, so equal values do not look equal', async () => {
    const a = await vault.encrypt(t.db, at(), 'same');
    const b = await vault.encrypt(t.db, at(), 'same');
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a ciphertext with one flipped byte', async () => {
    const c = await vault.encrypt(t.db, at(), 'value');
    c[c.length - 20]! ^= 0x01;
    await expect(vault.decrypt(t.db, at(), c)).rejects.toThrow(DecryptionFailed);
  });

  it('refuses a ciphertext moved to another row, column or organization', async () => {
    const c = await vault.encrypt(t.db, at(), 'value');
    await expect(
      vault.decrypt(t.db, at({ rowId: '00000000-0000-4000-8000-000000000002' }), c),
    ).rejects.toThrow(/patient_identity.email of row .*authentication failed/);
    await expect(vault.decrypt(t.db, at({ column: 'phone' }), c)).rejects.toThrow(DecryptionFailed);
    await expect(vault.decrypt(t.db, at({ organizationId: otherOrg }), c)).rejects.toThrow(
      DecryptionFailed,
    );
  });

  it('refuses a ciphertext relabelled with another key version, or one that does not exist', async () => {
    const c = await vault.encrypt(t.db, at(), 'value');
    const v = vault.versionOf(c);
    await t.db.query(
      `insert into data_keys (organization_id, data_class, version, kek_version, wrapped_key)
       select organization_id, data_class, $2, kek_version, wrapped_key from data_keys
        where organization_id = $1 and data_class = 'identifiers' and version = $3`,
      [org, v + 1, v],
    );
    const relabelled = Buffer.from(c);
    relabelled.writeUInt32BE(v + 1, 1);
    // The copied row's wrapped key was bound to version v, so it does not even unwrap.
    await expect(vault.decrypt(t.db, at(), relabelled)).rejects.toThrow();
    relabelled.writeUInt32BE(v + 7, 1);
    await expect(vault.decrypt(t.db, at(), relabelled)).rejects.toThrow(/no such key version/);
    await t.db.query(`delete from data_keys where organization_id = $1 and version = $2`, [
      org,
      v + 1,
    ]);
  });

  it('says where a ciphertext failed, never what it held', async () => {
    const c = await vault.encrypt(t.db, at(), 'canary-secret-value');
    c[c.length - 1]! ^= 0xff;
    const err = (await vault.decrypt(t.db, at(), c).then(String, (e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(DecryptionFailed);
    expect(err.message).toContain('patient_identity.email');
    expect(err.message).not.toContain('canary');
  });

  it('keeps only wrapped data keys in the database', async () => {
    const { rows } = await t.db.query<{ wrapped_key: Uint8Array; kek_version: number }>(
      'select wrapped_key, kek_version from data_keys where organization_id = $1',
      [org],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.wrapped_key.length).toBe(60);
  });
});

describe('blind indexes', () => {
  it('match equal normalized values and nothing else', async () => {
    const idx = (v: string, column = 'email', o = org) =>
      vault.blindIndex(t.db, o, 'patient_identity', column, normalize.email(v));
    const a = await idx('Ann.Lee@Example.org ');
    expect(a.length).toBe(16);
    expect(a.equals(await idx('ann.lee@example.org'))).toBe(true);
    expect(a.equals(await idx('ann.lee@example.com'))).toBe(false);
    expect(a.equals(await idx('ann.lee@example.org', 'phone'))).toBe(false);
    expect(a.equals(await idx('ann.lee@example.org', 'email', otherOrg))).toBe(false);
  });

  it('normalize phones, names and identifiers the way people write them', () => {
    expect(normalize.phone('+1 (555) 010-0000')).toBe(normalize.phone('15550100000'));
    expect(normalize.name("O'Brien-Núñez")).toBe(normalize.name('obrien nunez'));
    expect(normalize.identifier('mrn-004821')).toBe('MRN004821');
  });
});

describe('keyrings', () => {
  it('the local keyring is a development-only file, mode 0600, created once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-keyring-'));
    try {
      const ring = await openLocalKeyring(dir);
      const file = path.join(dir, 'keyring.dev.json');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(file, 'utf8')).label).toBe(localKeyringLabel);
      const wrapped = await ring.wrap(1, Buffer.alloc(32, 7), 'aad');
      const again = await openLocalKeyring(dir);
      expect(await again.unwrap(1, wrapped, 'aad')).toEqual(Buffer.alloc(32, 7));
      await expect(again.unwrap(1, wrapped, 'other aad')).rejects.toThrow(KeyringError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the environment keyring takes versioned keys and refuses bad material without echoing it', () => {
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    expect(parseEnvKeys(`1:${k1},2:${k2}`).map((k) => k.version)).toEqual([1, 2]);
    expect(openEnvKeyring(`1:${k1},2:${k2}`).versions()).toEqual([1, 2]);
    expect(() => parseEnvKeys('c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseEnvKeys(`1:${k1},1:${k2}`)).toThrow(/twice/);
    const refused = (() => {
      try {
        parseEnvKeys('not base64!');
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(refused).toMatch(/entry 1 is not/);
    expect(refused).not.toContain('base64!');
  });
});
