import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/harness.ts';
import { pgliteTemplateDump } from '../../../test/template.ts';
import { buildApp } from '../../app.ts';
import type { Db } from '../../platform/db/db.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openPglite } from '../../platform/db/pglite.ts';
import { auditGrantsSql, auditRewritePrivileges } from './audit.grants.ts';
import { createSealer } from './audit.sealer.ts';
import { newSigner, recordReads, settleGenerously, tempWitness } from './audit.testkit.ts';

// Creating a role takes CREATEROLE, which the PostgreSQL CI role does not have; PGlite is the same
// PostgreSQL engine and runs as a superuser, so this test creates its role there in both runs.

let db: Db;
beforeAll(async () => {
  db = await openPglite('memory://', { from: await pgliteTemplateDump() });
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

describe('the production start-up check of the audit grants', () => {
  it('finds nothing to warn about for the application role', async () => {
    expect(await asApp(() => auditRewritePrivileges(db))).toEqual([]);
  });

  it('names what the owner of the audit tables could do to rewrite them', async () => {
    const found = await auditRewritePrivileges(db);
    for (const table of ['audit_events', 'audit_checkpoints']) {
      for (const p of ['owner', 'UPDATE', 'DELETE', 'TRUNCATE']) {
        expect(found).toContain(`${table}: ${p}`);
      }
    }
  });

  it('warns at production start-up when the server runs as such a role, pointing to the fix', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const owned = await openPglite('memory://', { from: await pgliteTemplateDump() });
    const production = { ...testConfig(), profile: 'production' as const };
    const started = await buildApp({ config: production, db: owned, logStream });
    await started.app.close();
    const warning = lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; privileges?: string[] })
      .find((l) => l.msg.includes('can change or remove audit events'));
    expect(warning).toMatchObject({ level: 40 });
    expect(warning!.msg).toContain('docs/operations.md#the-audit-trail');
    expect(warning!.privileges).toContain('audit_events: DELETE');

    lines.length = 0;
    const development = await buildApp({ config: testConfig(), db: owned, logStream });
    await development.app.close();
    expect(lines.some((l) => l.includes('can change or remove audit events'))).toBe(false);
    await owned.close().catch(() => undefined);
  });
});
