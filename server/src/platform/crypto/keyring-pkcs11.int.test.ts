import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Pkcs11 from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { createAudit } from '../../modules/audit/audit.service.ts';
import { ada } from '../../modules/patients/patients.fixtures.ts';
import { patientsEncryptedTables } from '../../modules/patients/patients.keys.ts';
import { createPatients } from '../../modules/patients/patients.service.ts';
import { KeyringError } from './keyring.ts';
import { keyInventory, rotateKeys } from './keys.ts';

/**
 * The PKCS#11 keyring against a real token: SoftHSM2 from Debian, initialized in a temporary
 * directory for this test. The key-encryption keys are created on the token and never leave it.
 */
const softhsmModule = process.env.SOFTHSM2_MODULE ?? '/usr/lib/softhsm/libsofthsm2.so';
const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-softhsm-'));
const pin = '246810';
const token = 'hourglass-test';

beforeAll(() => {
  mkdirSync(path.join(dir, 'tokens'));
  writeFileSync(
    path.join(dir, 'softhsm2.conf'),
    `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = path.join(dir, 'softhsm2.conf');
  execFileSync('softhsm2-util', [
    '--init-token',
    '--free',
    '--label',
    token,
    '--pin',
    pin,
    '--so-pin',
    '13579111',
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pkcs11Env = {
  HOURGLASS_KEYRING: 'pkcs11',
  HOURGLASS_PKCS11_MODULE: softhsmModule,
  HOURGLASS_PKCS11_TOKEN: token,
  HOURGLASS_PKCS11_PIN: pin,
};

describe('the PKCS#11 keyring on SoftHSM2', () => {
  let h: TestApp;
  let org: string;
  const fd = () => ({
    type: 'user' as const,
    id: 'fd',
    organizationId: org,
    roles: ['front_desk'],
  });

  beforeAll(async () => {
    h = await startTestApp({ env: pkcs11Env });
    const { rows } = await h.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('hsm-clinic', 'HSM Clinic') returning id`,
    );
    org = rows[0]!.id;
  });
  afterAll(async () => {
    await h?.close();
    h?.vault.keyring.close?.();
  });

  it('creates its first key-encryption key on the token and wraps data keys with it', async () => {
    const ring = h.vault.keyring;
    expect(ring.kind).toBe('pkcs11');
    expect(ring.versions()).toEqual([]);
    expect(await ring.newKek!()).toBe(1);
    const wrapped = await ring.wrap(1, Buffer.alloc(32, 5), 'data key a');
    expect(wrapped.length).toBe(60);
    expect(await ring.unwrap(1, wrapped, 'data key a')).toEqual(Buffer.alloc(32, 5));
    await expect(ring.unwrap(1, wrapped, 'data key b')).rejects.toThrow(KeyringError);
    const flipped = Buffer.from(wrapped);
    flipped[20]! ^= 1;
    await expect(ring.unwrap(1, flipped, 'data key a')).rejects.toThrow(KeyringError);
  });

  it('protects patients end to end, and a new KEK on the token re-wraps every data key', async () => {
    const patients = createPatients({ db: h.db, vault: h.vault, audit: createAudit(h.db) });
    const p = await patients.register(fd(), ada());
    expect((await patients.get(fd(), p.id)).legalName?.family).toBe('Quill');

    expect(await h.vault.keyring.newKek!()).toBe(2);
    const r = await rotateKeys(h.db, h.vault);
    expect(r).toMatchObject({ kekVersion: 2, rewrapped: 2 });
    h.vault.forget();
    expect((await patients.get(fd(), p.id)).legalName?.family).toBe('Quill');
    const inv = await keyInventory(h.db, patientsEncryptedTables);
    expect(inv.every((k) => k.kekVersion === 2)).toBe(true);
  });
});

describe('the key-encryption keys on the token', () => {
  it('are sensitive and non-extractable: their value cannot be read out', () => {
    const lib = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11;
    const p11 = new lib.PKCS11();
    p11.load(softhsmModule);
    p11.C_Initialize();
    try {
      const slot = p11
        .C_GetSlotList(true)
        .find((s) => p11.C_GetTokenInfo(s).label.trim() === token)!;
      const session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
      p11.C_Login(session, lib.CKU_USER, pin);
      p11.C_FindObjectsInit(session, [{ type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY }]);
      const keys = p11.C_FindObjects(session, 10);
      p11.C_FindObjectsFinal(session);
      expect(keys).toHaveLength(2);
      for (const k of keys) {
        const [sensitive, extractable] = p11.C_GetAttributeValue(session, k, [
          { type: lib.CKA_SENSITIVE },
          { type: lib.CKA_EXTRACTABLE },
        ]);
        expect(sensitive!.value).toEqual(Buffer.from([1]));
        expect(extractable!.value).toEqual(Buffer.from([0]));
        expect(() => p11.C_GetAttributeValue(session, k, [{ type: lib.CKA_VALUE }])).toThrow(
          /CKR_ATTRIBUTE_SENSITIVE/,
        );
      }
      p11.C_CloseSession(session);
    } finally {
      p11.C_Finalize();
    }
  });
});
