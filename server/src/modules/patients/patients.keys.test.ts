import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  keyInventory,
  reencryptAll,
  retireUnusedKeys,
  rotateKeys,
  type ReencryptProgress,
} from '../../platform/crypto/keys.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import { createAudit } from '../audit/audit.service.ts';
import { ada, openClinic, type Clinic } from './patients.fixtures.ts';
import { patientsEncryptedTables } from './patients.keys.ts';
import { createPatients } from './patients.service.ts';

const kek1 = randomBytes(32).toString('base64');
const kek2 = randomBytes(32).toString('base64');
let c: Clinic;
const ids: string[] = [];
const versions = async () =>
  (
    await c.t.db.query<{ key_version: number }>(
      'select key_version from patient_identity order by patient_id',
    )
  ).rows.map((r) => r.key_version);

beforeAll(async () => {
  c = await openClinic(`1:${kek1}`);
  for (let i = 0; i < 5; i++) {
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({ email: `p${i}@example.org`, mrn: `MRN-00${i}`, dateOfBirth: `198${i}-01-01` }),
    );
    ids.push(p.id);
  }
});
afterAll(() => c.drop());

const readAll = async () => {
  for (const id of ids) {
    expect((await c.patients.get(c.as('front_desk'), id)).legalName?.family).toBe('Quill');
  }
};

describe('rotating data keys', () => {
  it('the inventory lists each key with its version, KEK, creation time and rows per version', async () => {
    const inv = await keyInventory(c.t.db, patientsEncryptedTables);
    const identifiers = inv.filter((k) => k.dataClass === 'identifiers');
    expect(identifiers).toEqual([
      expect.objectContaining({
        organizationId: c.org,
        version: 1,
        kekVersion: 1,
        current: true,
        retiredAt: null,
        rows: { patient_identity: 5 },
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(inv.map((k) => k.dataClass).sort()).toEqual(['identifiers', 'index']);
  });

  it('new writes use the new version at once, and every old row still reads', async () => {
    const r = await rotateKeys(c.t.db, c.vault);
    expect(r.created).toEqual([
      { id: expect.any(String), organizationId: c.org, dataClass: 'identifiers', version: 2 },
    ]);
    const p = await c.patients.register(
      c.as('front_desk'),
      ada({ email: 'after@example.org', mrn: 'MRN-999', dateOfBirth: '1999-09-09' }),
    );
    ids.push(p.id);
    const { rows } = await c.t.db.query<{ key_version: number }>(
      'select key_version from patient_identity where patient_id = $1',
      [p.id],
    );
    expect(rows[0]!.key_version).toBe(2);
    await readAll();
  });

  it('an old version still protecting rows cannot be retired', async () => {
    const r = await retireUnusedKeys(c.t.db, c.vault, patientsEncryptedTables);
    expect(r.retired).toEqual([]);
    expect(r.stillInUse).toEqual([
      {
        id: expect.any(String),
        organizationId: c.org,
        dataClass: 'identifiers',
        version: 1,
        rows: 5,
      },
    ]);
  });

  it('the re-encryption job moves every row in batches, reporting progress, with reads working between batches', async () => {
    const progress: ReencryptProgress[] = [];
    const n = await reencryptAll(c.t.db, c.vault, patientsEncryptedTables, {
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(n).toBe(5);
    expect(progress.map((p) => [p.done, p.remaining])).toEqual([
      [2, 3],
      [4, 1],
      [5, 0],
    ]);
    expect(new Set(await versions())).toEqual(new Set([2]));
    await readAll();
    // Look-ups still find re-encrypted patients: blind indexes do not depend on the data key.
    expect(await c.patients.lookup(c.as('front_desk'), { email: 'p3@example.org' })).toHaveLength(
      1,
    );
  });

  it('then the old version is retired (its wrapped key destroyed) and everything still reads', async () => {
    const r = await retireUnusedKeys(c.t.db, c.vault, patientsEncryptedTables);
    expect(r.retired).toEqual([
      { id: expect.any(String), organizationId: c.org, dataClass: 'identifiers', version: 1 },
    ]);
    const { rows } = await c.t.db.query<{ wrapped_key: unknown; retired_at: unknown }>(
      `select wrapped_key, retired_at from data_keys where data_class = 'identifiers' and version = 1`,
    );
    expect(rows[0]).toMatchObject({ wrapped_key: null, retired_at: expect.any(Date) });
    await readAll();
    const inv = await keyInventory(c.t.db, patientsEncryptedTables);
    expect(
      inv
        .filter((k) => k.dataClass === 'identifiers')
        .map((k) => [k.version, k.retiredAt !== null, k.rows]),
    ).toEqual([
      [1, true, { patient_identity: 0 }],
      [2, false, { patient_identity: 6 }],
    ]);
  });

  it('a new key-encryption key re-wraps every live data key, after which the old KEK is not needed', async () => {
    const both = createVault(openEnvKeyring(`1:${kek1},2:${kek2}`));
    const r = await rotateKeys(c.t.db, both);
    expect(r.kekVersion).toBe(2);
    expect(r.rewrapped).toBe(2); // identifiers v2 and the index key; retired v1 has nothing to wrap
    await reencryptAll(c.t.db, both, patientsEncryptedTables);
    const onlyNew = createVault(openEnvKeyring(`2:${kek2}`));
    const patients = createPatients({ db: c.t.db, vault: onlyNew, audit: createAudit(c.t.db) });
    for (const id of ids) {
      expect((await patients.get(c.as('front_desk'), id)).legalName?.given).toBe('Ada');
    }
    expect(await patients.lookup(c.as('front_desk'), { mrn: 'MRN-999' })).toHaveLength(1);
  });
});
