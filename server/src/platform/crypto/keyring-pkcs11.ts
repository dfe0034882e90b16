import { randomBytes } from 'node:crypto';
import type * as Pkcs11 from 'pkcs11js';
import { KeyringError, type Keyring } from './keyring.ts';

export interface Pkcs11Options {
  /** The vendor's PKCS#11 library (SoftHSM2: /usr/lib/softhsm/libsofthsm2.so). */
  module: string;
  /** The token's label. */
  token: string;
  /** The user PIN. */
  pin: string;
  /** KEKs are secret keys labelled `<keyLabel>-v<version>` on the token. */
  keyLabel: string;
}

/**
 * Key-encryption keys inside an HSM or token, reached through PKCS#11. The KEKs are AES-256
 * secret keys created on the token as sensitive and non-extractable: data keys go in to be
 * wrapped (AES-GCM, the data key's identity as AAD) and come out wrapped; a KEK never leaves.
 */
export async function openPkcs11Keyring(opts: Pkcs11Options): Promise<Keyring & { close(): void }> {
  const lib = ((await import('pkcs11js')) as unknown as { default: typeof Pkcs11 }).default;
  const p11 = new lib.PKCS11();
  try {
    p11.load(opts.module);
    p11.C_Initialize();
  } catch (err) {
    throw new KeyringError(`The PKCS#11 module did not load: ${(err as Error).message}`);
  }
  const slot = p11
    .C_GetSlotList(true)
    .find((s) => p11.C_GetTokenInfo(s).label.trim() === opts.token);
  if (!slot) {
    p11.C_Finalize();
    throw new KeyringError(`No PKCS#11 token is labelled "${opts.token}".`);
  }
  const session = p11.C_OpenSession(slot, lib.CKF_RW_SESSION | lib.CKF_SERIAL_SESSION);
  try {
    p11.C_Login(session, lib.CKU_USER, opts.pin);
  } catch {
    p11.C_CloseSession(session);
    p11.C_Finalize();
    throw new KeyringError(`The PIN for PKCS#11 token "${opts.token}" was refused.`);
  }

  const labelPattern = new RegExp(`^${opts.keyLabel.replace(/[^A-Za-z0-9]/g, '\\$&')}-v(\\d+)$`);
  const findKeks = (): Map<number, Pkcs11.Handle> => {
    p11.C_FindObjectsInit(session, [{ type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY }]);
    const handles = p11.C_FindObjects(session, 1000);
    p11.C_FindObjectsFinal(session);
    const keks = new Map<number, Pkcs11.Handle>();
    for (const h of handles) {
      const [label] = p11.C_GetAttributeValue(session, h, [{ type: lib.CKA_LABEL }]);
      const m = labelPattern.exec(String(label?.value ?? ''));
      if (m) keks.set(Number(m[1]), h);
    }
    return keks;
  };
  let keks = findKeks();
  const kek = (version: number) => {
    const h = keks.get(version);
    if (!h) throw new KeyringError(`The token has no key-encryption key version ${version}.`);
    return h;
  };
  const gcm = (iv: Buffer, aad: string) => ({
    mechanism: lib.CKM_AES_GCM,
    parameter: {
      type: lib.CK_PARAMS_AES_GCM_v240,
      iv,
      aad: Buffer.from(aad),
      ivBits: 96,
      tagBits: 128,
    },
  });

  return {
    kind: 'pkcs11',
    versions: () => [...keks.keys()].sort((a, b) => a - b),
    async wrap(version, dataKey, aad) {
      const iv = randomBytes(12);
      p11.C_EncryptInit(session, gcm(iv, aad), kek(version));
      const out = p11.C_Encrypt(session, dataKey, Buffer.alloc(dataKey.length + 16));
      return Buffer.concat([iv, out]);
    },
    async unwrap(version, wrapped, aad) {
      const handle = kek(version);
      try {
        p11.C_DecryptInit(session, gcm(wrapped.subarray(0, 12), aad), handle);
        return Buffer.from(
          p11.C_Decrypt(session, wrapped.subarray(12), Buffer.alloc(wrapped.length)),
        );
      } catch {
        throw new KeyringError(
          `A data key did not unwrap under key-encryption key version ${version}.`,
        );
      }
    },
    async newKek() {
      const version = Math.max(0, ...keks.keys()) + 1;
      p11.C_GenerateKey(session, { mechanism: lib.CKM_AES_KEY_GEN }, [
        { type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY },
        { type: lib.CKA_KEY_TYPE, value: lib.CKK_AES },
        { type: lib.CKA_VALUE_LEN, value: 32 },
        { type: lib.CKA_LABEL, value: `${opts.keyLabel}-v${version}` },
        { type: lib.CKA_TOKEN, value: true },
        { type: lib.CKA_PRIVATE, value: true },
        { type: lib.CKA_SENSITIVE, value: true },
        { type: lib.CKA_EXTRACTABLE, value: false },
        { type: lib.CKA_ENCRYPT, value: true },
        { type: lib.CKA_DECRYPT, value: true },
      ]);
      keks = findKeks();
      return version;
    },
    close() {
      try {
        p11.C_Logout(session);
        p11.C_CloseSession(session);
      } finally {
        p11.C_Finalize();
      }
    },
  };
}
