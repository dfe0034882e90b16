import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { createAudit } from '../../modules/audit/audit.service.ts';
import { migrate } from '../db/migrate.ts';
import { keysCliJob, runKeysCommand } from './keys.command.ts';
import type { EncryptedTable } from './keys.ts';
import { openEnvKeyring } from './keyring.ts';
import { createVault } from './vault.ts';

// Key commands that fail, in process: the CLI test (keys.command.test.ts) covers the ones that succeed.
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  await migrate(t.db);
});
afterAll(() => t.drop());

const vault = createVault(openEnvKeyring(`1:${randomBytes(32).toString('base64')}`));
const run = (args: string[], tables: EncryptedTable[] = []) =>
  runKeysCommand(args, { db: t.db, vault, tables, print: () => {}, audit: createAudit(t.db) });
const events = async () =>
  (
    await t.db.query(
      `select action, actor_type, organization_id, resource_type, resource_id, outcome
         from audit_events where actor_id = $1 order by seq`,
      [keysCliJob],
    )
  ).rows;
const failedEvent = (action: string, resourceType: string) => ({
  action,
  actor_type: 'system',
  organization_id: null,
  resource_type: resourceType,
  resource_id: null,
  outcome: 'failed',
});

describe('key commands that fail', () => {
  it('a keyring that cannot make a new KEK leaves a failed keys.new_kek event and exits 1', async () => {
    expect(await run(['new-kek'])).toBe(1);
    expect(await events()).toEqual([failedEvent('keys.new_kek', 'kek')]);
  });

  it('a re-encryption that throws leaves a failed event and the error still reaches the CLI', async () => {
    const { rows } = await t.db.query<{ id: string }>(
      `insert into organizations (slug, name) values ('keys', 'Keys') returning id`,
    );
    const broken: EncryptedTable = {
      name: 'broken',
      dataClass: 'identifiers',
      countByVersion: async () => [{ organizationId: rows[0]!.id, version: 1, rows: 1 }],
      reencryptBatch: async () => {
        throw new Error('disk full');
      },
    };
    await expect(run(['reencrypt'], [broken])).rejects.toThrow('disk full');
    expect((await events()).slice(1)).toEqual([failedEvent('keys.reencrypt', 'data_key')]);
  });

  it('an unknown subcommand is a usage error and leaves no event', async () => {
    const before = (await events()).length;
    expect(await run(['shred'])).toBe(2);
    expect(await events()).toHaveLength(before);
  });
});
