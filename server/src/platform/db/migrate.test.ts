import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness.ts';
import { loadMigrations, migrate, MigrationError, splitStatements } from './migrate.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ empty: true });
});
afterAll(() => t.drop());

describe('migrations', () => {
  it('apply once, then find the database up to date', async () => {
    const all = await loadMigrations();
    expect(await migrate(t.db)).toEqual(all.map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    const all = await loadMigrations();
    const edited = all.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(MigrationError);
  });

  it('roll back a migration that fails part-way, leaving nothing of it behind', async () => {
    const broken = {
      version: '9999_broken',
      checksum: 'x',
      sql: 'create table half_done (id int); select 1/0;',
    };
    await expect(migrate(t.db, [broken])).rejects.toThrow();
    const { rows } = await t.db.query("select to_regclass('half_done') as t");
    expect(rows[0]).toEqual({ t: null });
  });

  it('give btree_gist exclusion constraints, the guarantee against double booking', async () => {
    await t.db.exec(`create table demo_slots (provider int, during tstzrange,
      exclude using gist (provider with =, during with &&))`);
    await t.db.query(`insert into demo_slots values (1, '[2026-03-08 09:00Z, 2026-03-08 09:30Z)')`);
    await t.db.query(`insert into demo_slots values (2, '[2026-03-08 09:00Z, 2026-03-08 09:30Z)')`);
    await expect(
      t.db.query(`insert into demo_slots values (1, '[2026-03-08 09:15Z, 2026-03-08 09:45Z)')`),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('keep working after a refused statement (the connection is not lost)', async () => {
    await expect(t.db.query('select 1/0')).rejects.toMatchObject({ code: '22012' });
    const { rows } = await t.db.query<{ ok: number }>('select 1 as ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });

  it('roll back a transaction that throws', async () => {
    await t.db.exec('create table tx_probe (n int)');
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('insert into tx_probe values (1)');
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const { rows } = await t.db.query('select count(*)::int as n from tx_probe');
    expect(rows).toEqual([{ n: 0 }]);
  });
});

describe('splitStatements', () => {
  it('keeps function bodies and quoted semicolons whole and drops comments', () => {
    const sql = `-- a comment; with a semicolon
create function f() returns int language sql as $$ select 1; $$;
insert into t values ('a;b', 'it''s');
`;
    expect(splitStatements(sql)).toEqual([
      'create function f() returns int language sql as $$ select 1; $$',
      "insert into t values ('a;b', 'it''s')",
    ]);
  });
});
