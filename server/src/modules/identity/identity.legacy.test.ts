import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testKeyringKeys, type TestDb } from '../../../test/harness.ts';
import { openEnvKeyring } from '../../platform/crypto/keyring.ts';
import { createVault } from '../../platform/crypto/vault.ts';
import { loadMigrations, migrate } from '../../platform/db/migrate.ts';
import { sealLegacyIdentityRows } from './identity.keys.ts';
import {
  accountDisplayName,
  accountEmail,
  findAccountByAddress,
  openAccountField,
  openEmail,
} from './identity.vault.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ empty: true });
});
afterAll(() => t.drop());

const vault = createVault(openEnvKeyring(testKeyringKeys));

describe('emails, TOTP secrets (before 0050) and display names (before 0060) stored in the clear', () => {
  it('are sealed, found by blind index, and gone from the clear', async () => {
    const all = await loadMigrations();
    await migrate(
      t.db,
      all.filter((m) => m.version < '0050'),
    );
    const { rows } = await t.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('old', 'Old Clinic') returning id::text`,
    );
    const org = rows[0]!.id;
    const account = await t.db.query<{ id: string }>(
      `insert into accounts (organization_id, kind, email, display_name, roles, totp_secret,
         totp_pending_secret)
       values ($1, 'workforce', 'old.hand@example.org', 'Old Hand', '{front_desk}',
         'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU')
       returning id::text`,
      [org],
    );
    await t.db.query(
      `insert into invitations (organization_id, email, display_name, roles, token_hash,
         created_by, created_at, expires_at)
       values ($1, 'invited@example.org', 'Invited', '{manager}', '\\x01', $2, now(),
         now() + interval '1 day')`,
      [org, account.rows[0]!.id],
    );

    await migrate(t.db, all);
    expect(await sealLegacyIdentityRows(t.db, vault, 1)).toBe(2);
    expect(await sealLegacyIdentityRows(t.db, vault)).toBe(0);

    const plain = await t.db.query(
      `select 1 from accounts where legacy_email is not null or legacy_totp_secret is not null
          or legacy_totp_pending_secret is not null or legacy_display_name is not null
       union all select 1 from invitations where legacy_email is not null`,
    );
    expect(plain.rows).toEqual([]);
    const found = (await findAccountByAddress(t.db, vault, org, 'Old.Hand@Example.org'))!;
    expect(found.id).toBe(account.rows[0]!.id);
    expect(await accountEmail(t.db, vault, found)).toBe('old.hand@example.org');
    expect(await accountDisplayName(t.db, vault, found)).toBe('Old Hand');
    expect(await openAccountField(t.db, vault, found, 'totp_secret')).toBe(
      'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    );
    expect(await openAccountField(t.db, vault, found, 'totp_pending_secret')).toBe(
      'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
    );
    const inv = await t.db.query<{ id: string; organization_id: string; email: Uint8Array }>(
      'select id::text, organization_id::text, email from invitations',
    );
    expect(await openEmail(t.db, vault, 'invitations', inv.rows[0]!)).toBe('invited@example.org');
  });

  it('a new account cannot reuse an email of the organization (unique blind index)', async () => {
    const { rows } = await t.db.query<{ organization_id: string; email_bidx: Uint8Array }>(
      'select organization_id::text, email_bidx from accounts limit 1',
    );
    await expect(
      t.db.query(
        `insert into accounts (organization_id, kind, email, email_bidx, index_version,
           display_name, roles)
         values ($1, 'workforce', '\\x01', $2, 1, 'Twin', '{front_desk}')`,
        [rows[0]!.organization_id, rows[0]!.email_bidx],
      ),
    ).rejects.toThrow(/accounts_email_bidx/);
  });
});
