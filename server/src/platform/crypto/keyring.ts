import { randomBytes } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/** The development keyring's file, created at first start. Never used by the production profile. */
export interface LocalKeyringFile {
  label: string;
  createdAt: string;
  keys: { version: number; key: string }[];
}

export const localKeyringLabel =
  'DEVELOPMENT KEYRING generated at first start - demo use only, never for real patient data';

/** Creates data/keyring.dev.json (mode 0600) when missing; returns whether it was created. */
export async function ensureLocalKeyring(dataDir: string): Promise<boolean> {
  const file = path.join(dataDir, 'keyring.dev.json');
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
