import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.ts';

/** Signs checkpoints with Ed25519 and checks signatures against the trusted public key. */
export interface AuditSigner {
  /** First 16 hex digits of SHA-256 over the public key (SPKI DER): names the key in checkpoints. */
  readonly keyId: string;
  sign(data: string): string;
  verify(data: string, signatureBase64: string): boolean;
}

export const devSigningKeyLabel =
  'DEVELOPMENT AUDIT SIGNING KEY generated at first start - development only, never for real patient data';

export const devSigningKeyFile = 'audit-signing-key.dev.json';

interface DevKeyFile {
  label: string;
  createdAt: string;
  /** base64 PKCS#8 DER */
  privateKey: string;
}

/** Parses base64 PKCS#8 DER (what `openssl genpkey -algorithm ed25519 -outform DER | base64` gives). */
export function parseSigningKey(base64: string): KeyObject {
  const key = createPrivateKey({
    key: Buffer.from(base64.trim(), 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

export function signerFromKey(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    sign: (data) => sign(null, Buffer.from(data), privateKey).toString('base64'),
    verify: (data, signature) => verifySignature(publicKey, data, signature),
  };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

function verifySignature(publicKey: KeyObject, data: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(data), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The signer the configuration names: HOURGLASS_AUDIT_SIGNING_KEY, or (outside production) the
 * development key in the data dir, generated on first use when `create` is set.
 */
export async function loadAuditSigner(
  config: Pick<Config, 'dataDir' | 'audit'>,
  { create }: { create: boolean },
): Promise<AuditSigner> {
  const source = config.audit.signingKey;
  if (source.kind === 'env') return signerFromKey(parseSigningKey(source.key));
  const file = path.join(config.dataDir, devSigningKeyFile);
  try {
    const existing = JSON.parse(await readFile(file, 'utf8')) as DevKeyFile;
    return signerFromKey(parseSigningKey(existing.privateKey));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw err;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const body: DevKeyFile = {
    label: devSigningKeyLabel,
    createdAt: new Date().toISOString(),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return signerFromKey(privateKey);
}
