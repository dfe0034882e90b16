import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { encryptedTables } from '../../app.ts';
import { keyInventory, reencryptAll, rotateKeys } from '../../platform/crypto/keys.ts';
import { saveSubscription, subscriptionsOf } from './notifications.push-subscriptions.ts';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp();
});
afterAll(() => h.close());

describe('push subscriptions under key rotation', () => {
  it('are counted in the key inventory, move to the new key on re-encryption and still open', async () => {
    const { rows } = await h.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('push-keys', 'Push Keys Clinic') returning id`,
    );
    const org = rows[0]!.id;
    const patientId = crypto.randomUUID();
    const sub = {
      endpoint: 'https://push.example.org/send/abc',
      keys: { p256dh: 'BKey', auth: 'secret' },
    };
    await saveSubscription(
      h.db,
      h.vault,
      { organizationId: org, patientId, accountId: crypto.randomUUID(), now: new Date() },
      sub,
    );
    const underVersion = async (version: number) =>
      (await keyInventory(h.db, encryptedTables)).find(
        (k) => k.organizationId === org && k.dataClass === 'identifiers' && k.version === version,
      )?.rows.push_subscriptions ?? 0;
    expect(await underVersion(1)).toBe(1);

    await rotateKeys(h.db, h.vault);
    await reencryptAll(h.db, h.vault, encryptedTables);

    expect(await underVersion(1)).toBe(0);
    expect(await underVersion(2)).toBe(1);
    expect((await subscriptionsOf(h.db, h.vault, org, patientId)).map((s) => s.sub)).toEqual([sub]);
  });
});
