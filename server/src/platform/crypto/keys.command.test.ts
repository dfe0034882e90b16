import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHourglass } from '../../../test/cli.ts';
import { seedPgliteDataDir } from '../../../test/harness.ts';
import { openPglite } from '../db/pglite.ts';

// The CLI's commands on an embedded database in a temporary data dir, with its development
// keyring: run in this process (test/cli.ts), and once through the real binary below.
const bin = path.resolve(import.meta.dirname, '../../../bin/hourglass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-keys-'));
beforeAll(() => seedPgliteDataDir(dataDir));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const run = (...args: string[]) => runHourglass(args, { HOURGLASS_DATA_DIR: dataDir });

const identifierRows = (list: string) =>
  list
    .split('\n')
    .filter((l) => l.includes('\tidentifiers\t'))
    .map((l) => l.split('\t').slice(3));

// Each case runs several commands, each opening the data dir's database: slow on a busy machine.
describe('hourglass keys', { timeout: 120_000 }, () => {
  it('lists, rotates with re-encryption progress, and retires the old version', async () => {
    expect((await run('seed-demo')).status).toBe(0);
    const before = await run('keys', 'list');
    expect(before.status).toBe(0);
    expect(before.stdout).toMatch(/^id\torganization\tclass\tversion\tkek\tcreated\tstate\trows/);
    expect(identifierRows(before.stdout)).toEqual([
      // Demo accounts: 6 emails, 6 display names and 5 TOTP secrets (the patient has none); 3
      // demo patients.
      [
        'v1',
        'kek v1',
        expect.stringMatching(/^\d{4}-/),
        'current',
        'patient_identity=8,accounts=17,invitations=0,one_time_codes=0,audit_alert_rules=0,push_subscriptions=0',
      ],
    ]);

    const rotated = await run('keys', 'rotate');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/Rotated: 1 new data key versions/);
    expect(rotated.stdout).toMatch(/re-encrypted 8 rows of patient_identity .*; 0 to go/);
    expect(rotated.stdout).toMatch(/re-encrypted 6 rows of accounts .*; 0 to go/);
    expect(rotated.stdout).toMatch(/Re-encrypted or re-indexed 14 rows/);

    const retired = await run('keys', 'retire');
    expect(retired.status).toBe(0);
    expect(retired.stdout).toMatch(/retired .* identifiers v1/);

    expect(identifierRows((await run('keys', 'list')).stdout)).toEqual([
      [
        'v1',
        'kek v1',
        expect.any(String),
        expect.stringMatching(/^retired /),
        'patient_identity=0,accounts=0,invitations=0,one_time_codes=0,audit_alert_rules=0,push_subscriptions=0',
      ],
      [
        'v2',
        'kek v1',
        expect.any(String),
        'current',
        'patient_identity=8,accounts=17,invitations=0,one_time_codes=0,audit_alert_rules=0,push_subscriptions=0',
      ],
    ]);
  });

  it('adds a key-encryption key to the development keyring and re-wraps every live data key under it', async () => {
    const created = await run('keys', 'new-kek');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Created key-encryption key version 2/);
    expect(statSync(path.join(dataDir, 'keyring.dev.json')).mode & 0o777).toBe(0o600);
    const rotated = await run('keys', 'rotate');
    expect(rotated.stdout).toMatch(/data keys re-wrapped under KEK v2/);
    const live = (await run('keys', 'list')).stdout
      .split('\n')
      .slice(1)
      .filter((l) => l && !l.includes('\tretired '));
    expect(live.length).toBeGreaterThan(0);
    for (const line of live) expect(line.split('\t')[4]).toBe('kek v2');
  });

  it('rotates the blind-index key: re-indexes every row, then retires the old index key', async () => {
    const indexRows = (list: string) =>
      list
        .split('\n')
        .filter((l) => l.includes('\tindex\t'))
        .map((l) => [l.split('\t')[3], l.split('\t')[6]!.split(' ')[0], l.split('\t')[7]]);
    const rotated = await run('keys', 'rotate', '--index');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/Rotated: 1 new index key versions/);
    expect(rotated.stdout).toMatch(/re-indexed 8 rows of patient_identity .*; 0 to go/);
    expect(rotated.stdout).toMatch(/re-indexed 6 rows of accounts .*; 0 to go/);
    expect(indexRows((await run('keys', 'list')).stdout)).toEqual([
      ['v1', 'active', 'patient_identity=0,accounts=0,invitations=0'],
      ['v2', 'current', 'patient_identity=8,accounts=6,invitations=0'],
    ]);
    expect((await run('keys', 'retire')).stdout).toMatch(/retired .* index v1/);
    expect(indexRows((await run('keys', 'list')).stdout)[0]!.slice(0, 2)).toEqual([
      'v1',
      'retired',
    ]);
  });

  it('leaves an event for every key operation above, and a failed one for a refused retirement', async () => {
    expect((await run('keys', 'rotate', '--no-reencrypt')).status).toBe(0);
    expect((await run('keys', 'retire')).status).toBe(1); // the rotated-out version still encrypts rows
    const db = await openPglite(path.join(dataDir, 'pglite'));
    try {
      const keys = new Map(
        (
          await db.query<{ id: string; data_class: string; version: number }>(
            'select id, data_class, version from data_keys',
          )
        ).rows.map((k) => [`${k.data_class} v${k.version}`, k.id]),
      );
      const org = (await db.query<{ id: string }>('select id from organizations')).rows[0]!.id;
      const { rows } = await db.query<Record<string, unknown>>(
        `select action, actor_type, organization_id, resource_type, resource_id, resource_ids, outcome
           from audit_events where actor_id = 'keys.cli' order by seq`,
      );
      expect(rows.every((e) => e.actor_type === 'system')).toBe(true);
      const brief = rows.map((e) =>
        [e.action, e.resource_type, e.resource_id, e.outcome].filter(Boolean).join(' '),
      );
      const reencrypted = ['keys.reencrypt patient_identity', 'keys.reencrypt accounts'];
      expect(brief.map((e) => e.replace(/ success$/, ''))).toEqual([
        'keys.rotate data_key',
        ...reencrypted,
        'keys.retire data_key',
        'keys.new_kek kek 2',
        'keys.rotate data_key',
        'keys.rewrap kek 2',
        ...reencrypted,
        'keys.index.rotate data_key',
        'keys.reindex patient_identity',
        'keys.reindex accounts',
        'keys.retire data_key',
        'keys.rotate data_key',
        'keys.retire data_key failed',
      ]);
      const ids = (action: string, outcome = 'success') =>
        rows.filter((e) => e.action === action && e.outcome === outcome).map((e) => e.resource_ids);
      expect(ids('keys.rotate')).toEqual([
        [keys.get('identifiers v2')],
        [keys.get('identifiers v3')],
        [keys.get('identifiers v4')],
      ]);
      expect(ids('keys.index.rotate')).toEqual([[keys.get('index v2')]]);
      expect(ids('keys.retire')).toEqual([
        [keys.get('identifiers v1')],
        expect.arrayContaining([keys.get('identifiers v2'), keys.get('index v1')]),
      ]);
      expect(ids('keys.retire', 'failed')).toEqual([[keys.get('identifiers v3')]]);
      // Each batch names the rows it moved: the 8 demo patients, the 6 accounts with an email.
      expect(ids('keys.reencrypt').map((r) => (r as string[]).length)).toEqual([8, 6, 8, 6]);
      expect(ids('keys.reindex').map((r) => (r as string[]).length)).toEqual([8, 6]);
      const patients = (await db.query<{ id: string }>('select id from patients')).rows;
      expect([...(ids('keys.reencrypt')[0] as string[])].sort()).toEqual(
        patients.map((p) => p.id).sort(),
      );
      for (const e of rows) {
        expect(e.organization_id).toBe(e.action === 'keys.new_kek' ? null : org);
      }
    } finally {
      await db.close();
    }
  });

  it('refuses an unknown keys subcommand with the usage (the real binary)', () => {
    const r = spawnSync(process.execPath, [bin, 'keys', 'shred'], {
      env: { PATH: process.env.PATH, HOURGLASS_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/keys rotate/);
  });
});
