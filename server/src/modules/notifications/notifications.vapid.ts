import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import webPush from 'web-push';
import type { VapidKeys } from './notifications.push.ts';

/** The development VAPID key file, created at first start. Never used by the production profile. */
interface VapidFile extends VapidKeys {
  label: string;
}

export const devVapidLabel =
  'DEVELOPMENT VAPID KEYS generated at first start - demo use only, never for real patient data';

export function devVapidPath(dataDir: string): string {
  return path.join(dataDir, 'vapid.dev.json');
}

/**
 * The VAPID keys: the configured ones (HOURGLASS_VAPID_*), else outside production the
 * development file (created at first start, mode 0600), else none (push off).
 */
export async function openVapidKeys(config: {
  profile: string;
  dataDir: string;
  vapid: VapidKeys | undefined;
  publicUrl: string;
}): Promise<VapidKeys | undefined> {
  if (config.vapid) return config.vapid;
  if (config.profile === 'production') return undefined;
  const file = devVapidPath(config.dataDir);
  try {
    const f = JSON.parse(await readFile(file, 'utf8')) as VapidFile;
    return { subject: f.subject, publicKey: f.publicKey, privateKey: f.privateKey };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(config.dataDir, { recursive: true });
  const keys = {
    subject: `mailto:push@${new URL(config.publicUrl).hostname}`,
    ...webPush.generateVAPIDKeys(),
  };
  const f: VapidFile = { label: devVapidLabel, ...keys };
  try {
    await writeFile(file, JSON.stringify(f, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process of the same start wrote it first: theirs is the one.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return openVapidKeys(config);
  }
  return keys;
}
