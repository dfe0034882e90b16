import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite.ts';
import { auditGrantsSql } from './audit.grants.ts';
import { createSealer } from './audit.sealer.ts';
import { newSigner, recordReads, settleGenerously, tempWitness } from './audit.testkit.ts';

// Creating a role takes CREATEROLE, which the PostgreSQL CI role does not have; PGlite is the same
// PostgreSQL engine and runs as a superuser, so this test creates its role there in both runs.

let db: Db;
beforeAll(async () => {
  db = await openPglite('memory://');
  await migrate(db);
  await db.exec(`create role hourglass_app nologin;
    grant usage on schema public to hourglass_app;
    ${auditGrantsSql('hourglass_app')}`);
});
afterAll(() => db.close());

async function asApp<T>(fn: () => Promise<T>): Promise<T> {
  await db.exec('set role hourglass_app');
  try {
    return await fn();
  } finally {
    await db.exec('reset role');
  }
}

describe('the application role on PostgreSQL', () => {
  it('adds events, reads them and seals them', async () => {
    await asApp(async () => {
      await recordReads(db, 3);
      const written = await createSealer({
        ...settleGenerously,
        db,
        signer: newSigner(),
        witnesses: [tempWitness()],
      }).sealOnce();
      expect(written).toHaveLength(1);
      const { rows } = await db.query<{ n: string }>(
        'select count(*)::text as n from audit_events',
      );
      expect(rows[0]!.n).toBe('3');
    });
  });

  it('has no privilege to change, remove or truncate the trail or its checkpoints, before any trigger runs', async () => {
    await asApp(async () => {
      for (const [table, column] of [
        ['audit_events', 'action'],
        ['audit_checkpoints', 'root'],
      ] as const) {
        await expect(db.query(`update ${table} set ${column} = 'edited'`)).rejects.toThrow(
          /permission denied for table/,
        );
        await expect(db.query(`delete from ${table}`)).rejects.toThrow(
          /permission denied for table/,
        );
        await expect(db.query(`truncate ${table}`)).rejects.toThrow(/permission denied for table/);
        await expect(db.query(`alter table ${table} disable trigger user`)).rejects.toThrow(
          /must be owner/,
        );
      }
    });
  });
});
