import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devVapidLabel, devVapidPath, openVapidKeys } from './notifications.vapid.ts';

const publicUrl = 'http://localhost:3000';

describe('VAPID keys', () => {
  it('outside production: generated at first start into a labelled 0600 file, then reused', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-vapid-'));
    const first = await openVapidKeys({
      profile: 'development',
      dataDir,
      vapid: undefined,
      publicUrl,
    });
    expect(first?.publicKey).toMatch(/^[\w-]{87}$/);
    expect(first?.subject).toBe('mailto:push@localhost');
    const file = devVapidPath(dataDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).label).toBe(devVapidLabel);
    expect(
      await openVapidKeys({ profile: 'development', dataDir, vapid: undefined, publicUrl }),
    ).toEqual(first);
  });

  it('production: only the configured keys, never a generated file', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-vapid-'));
    expect(
      await openVapidKeys({ profile: 'production', dataDir, vapid: undefined, publicUrl }),
    ).toBe(undefined);
    const vapid = { subject: 'mailto:a@b.example', publicKey: 'p', privateKey: 'k' };
    expect(await openVapidKeys({ profile: 'production', dataDir, vapid, publicUrl })).toBe(vapid);
    expect(() => statSync(devVapidPath(dataDir))).toThrow();
  });
});
