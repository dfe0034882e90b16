import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Holds the key-encryption keys (KEKs) that wrap every data key. Data keys are stored wrapped in
 * the database; a KEK never is. The highest version wraps new data keys; older versions stay to
 * unwrap until `hourglass keys rotate` has re-wrapped everything under the newest.
 */
export interface Keyring {
  readonly kind: 'local' | 'env' | 'pkcs11';
  /** KEK versions this keyring can use, ascending. */
  versions(): number[];
  wrap(version: number, dataKey: Buffer, aad: string): Promise<Buffer>;
  unwrap(version: number, wrapped: Buffer, aad: string): Promise<Buffer>;
  /**
   * Creates the next KEK version where the keyring can (the development file, a PKCS#11 token);
   * the environment keyring gets new keys from the operator instead.
   */
  newKek?(): Promise<number>;
  /** Releases what the keyring holds open (a PKCS#11 session). */
  close?(): void;
}

export type KeyringConfig =
  | { kind: 'local' }
  | { kind: 'env'; keys: string }
  | { kind: 'pkcs11'; module: string; token: string; pin: string; keyLabel: string };

/** The keyring the configuration names: the development file, or keys from the environment. */
export async function openKeyring(config: {
  dataDir: string;
  keyring: KeyringConfig;
}): Promise<Keyring> {
  const k = config.keyring;
  if (k.kind === 'env') return openEnvKeyring(k.keys);
  if (k.kind === 'pkcs11') {
    const { openPkcs11Keyring } = await import('./keyring-pkcs11.ts');
    return openPkcs11Keyring(k);
  }
  return openLocalKeyring(config.dataDir);
}

export class KeyringError extends Error {
  override name = 'KeyringError';
}

/** The development keyring's file, created at first start. Never used by the production profile. */
export interface LocalKeyringFile {
  label: string;
  createdAt: string;
  keys: { version: number; key: string }[];
}

export const localKeyringLabel =
  'DEVELOPMENT KEYRING generated at first start - demo use only, never for real patient data';

export function localKeyringPath(dataDir: string): string {
  return path.join(dataDir, 'keyring.dev.json');
}

/** Creates data/keyring.dev.json (mode 0600) when missing; returns whether it was created. */
export async function ensureLocalKeyring(dataDir: string): Promise<boolean> {
  const file = localKeyringPath(dataDir);
  try {
    const existing = JSON.parse(await readFile(file, 'utf8')) as LocalKeyringFile;
    if (existing.keys?.length) return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const ring: LocalKeyringFile = {
    label: localKeyringLabel,
    createdAt: new Date().toISOString(),
    keys: [{ version: 1, key: randomBytes(32).toString('base64') }],
  };
  await writeFile(file, JSON.stringify(ring, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return true;
}

/** The development keyring, created on first use. */
export async function openLocalKeyring(dataDir: string): Promise<Keyring> {
  await ensureLocalKeyring(dataDir);
  const file = localKeyringPath(dataDir);
  const ring = JSON.parse(await readFile(file, 'utf8')) as LocalKeyringFile;
  const keys = ring.keys.map((k) => ({ version: k.version, key: Buffer.from(k.key, 'base64') }));
  const soft = softwareKeyring('local', keys);
  return {
    ...soft,
    versions: () => keys.map((k) => k.version).sort((a, b) => a - b),
    async newKek() {
      const version = Math.max(...keys.map((k) => k.version)) + 1;
      const key = randomBytes(32);
      ring.keys.push({ version, key: key.toString('base64') });
      await writeFile(file, JSON.stringify(ring, null, 2) + '\n', { mode: 0o600 });
      keys.push({ version, key });
      return version;
    },
  };
}

/**
 * KEKs from the environment: `base64` (version 1) or `1:base64,2:base64`. Each must decode to
 * exactly 32 bytes. Nothing about the material is ever echoed in an error.
 */
export function parseEnvKeys(spec: string): { version: number; key: Buffer }[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new KeyringError('HOURGLASS_KEYRING_KEYS holds no key.');
  const keys = parts.map((part, i) => {
    const m = /^(?:(\d{1,6}):)?([A-Za-z0-9+/=_-]+)$/.exec(part);
    if (!m)
      throw new KeyringError(`HOURGLASS_KEYRING_KEYS entry ${i + 1} is not [version:]base64.`);
    const key = Buffer.from(m[2]!, 'base64');
    if (key.length !== 32) {
      throw new KeyringError(
        `HOURGLASS_KEYRING_KEYS entry ${i + 1} must decode to 32 bytes (openssl rand -base64 32).`,
      );
    }
    return { version: m[1] ? Number(m[1]) : 1, key };
  });
  if (new Set(keys.map((k) => k.version)).size !== keys.length) {
    throw new KeyringError('HOURGLASS_KEYRING_KEYS names a version twice.');
  }
  return keys;
}

export function openEnvKeyring(spec: string): Keyring {
  return softwareKeyring('env', parseEnvKeys(spec));
}

/** KEKs held in process memory; wrapping is AES-256-GCM with the data key's identity as AAD. */
export function softwareKeyring(
  kind: 'local' | 'env',
  keys: { version: number; key: Buffer }[],
): Keyring {
  const kek = (version: number) => {
    const key = keys.find((k) => k.version === version)?.key;
    if (!key) throw new KeyringError(`The keyring has no key-encryption key version ${version}.`);
    return key;
  };
  return {
    kind,
    versions: () => keys.map((k) => k.version).sort((a, b) => a - b),
    async wrap(version, dataKey, aad) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek(version), nonce);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]);
    },
    async unwrap(version, wrapped, aad) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', kek(version), wrapped.subarray(0, 12));
        decipher.setAAD(Buffer.from(aad));
        decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
        return Buffer.concat([
          decipher.update(wrapped.subarray(12, wrapped.length - 16)),
          decipher.final(),
        ]);
      } catch (err) {
        if (err instanceof KeyringError) throw err;
        throw new KeyringError(
          `A data key did not unwrap under key-encryption key version ${version}.`,
        );
      }
    },
  };
}
