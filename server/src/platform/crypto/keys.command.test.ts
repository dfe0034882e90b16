import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real CLI on an embedded database in a temporary data dir, with its development keyring.
const bin = path.resolve(import.meta.dirname, '../../../bin/hourglass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-keys-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(...args: string[]) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('HOURGLASS_') && k !== 'DATABASE_URL',
    ),
  );
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...env, HOURGLASS_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const identifierRows = (list: string) =>
  list
    .split('\n')
    .filter((l) => l.includes('\tidentifiers\t'))
    .map((l) => l.split('\t').slice(3));

// Each case runs the real CLI several times (a Node start and migrations each): slow on a busy machine.
describe('hourglass keys', { timeout: 120_000 }, () => {
  it('lists, rotates with re-encryption progress, and retires the old version', () => {
    expect(run('seed-demo').status).toBe(0);
    const before = run('keys', 'list');
    expect(before.status).toBe(0);
    expect(before.stdout).toMatch(/^id\torganization\tclass\tversion\tkek\tcreated\tstate\trows/);
    expect(identifierRows(before.stdout)).toEqual([
      // Demo accounts: 6 emails and 5 TOTP secrets (the patient has none); 3 demo patients.
      [
        'v1',
        'kek v1',
        expect.stringMatching(/^\d{4}-/),
        'current',
        'patient_identity=3,accounts=11,invitations=0,audit_alert_rules=0',
      ],
    ]);

    const rotated = run('keys', 'rotate');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/Rotated: 1 new data key versions/);
    expect(rotated.stdout).toMatch(/re-encrypted 3 rows of patient_identity .*; 0 to go/);
    expect(rotated.stdout).toMatch(/re-encrypted 6 rows of accounts .*; 0 to go/);
    expect(rotated.stdout).toMatch(/Re-encrypted or re-indexed 9 rows/);

    const retired = run('keys', 'retire');
    expect(retired.status).toBe(0);
    expect(retired.stdout).toMatch(/retired .* identifiers v1/);

    expect(identifierRows(run('keys', 'list').stdout)).toEqual([
      [
        'v1',
        'kek v1',
        expect.any(String),
        expect.stringMatching(/^retired /),
        'patient_identity=0,accounts=0,invitations=0,audit_alert_rules=0',
      ],
      [
        'v2',
        'kek v1',
        expect.any(String),
        'current',
        'patient_identity=3,accounts=11,invitations=0,audit_alert_rules=0',
      ],
    ]);
  });

  it('adds a key-encryption key to the development keyring and re-wraps every live data key under it', () => {
    const created = run('keys', 'new-kek');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/Created key-encryption key version 2/);
    expect(statSync(path.join(dataDir, 'keyring.dev.json')).mode & 0o777).toBe(0o600);
    const rotated = run('keys', 'rotate');
    expect(rotated.stdout).toMatch(/data keys re-wrapped under KEK v2/);
    const live = run('keys', 'list')
      .stdout.split('\n')
      .slice(1)
      .filter((l) => l && !l.includes('\tretired '));
    expect(live.length).toBeGreaterThan(0);
    for (const line of live) expect(line.split('\t')[4]).toBe('kek v2');
  });

  it('rotates the blind-index key: re-indexes every row, then retires the old index key', () => {
    const indexRows = (list: string) =>
      list
        .split('\n')
        .filter((l) => l.includes('\tindex\t'))
        .map((l) => [l.split('\t')[3], l.split('\t')[6]!.split(' ')[0], l.split('\t')[7]]);
    const rotated = run('keys', 'rotate', '--index');
    expect(rotated.status).toBe(0);
    expect(rotated.stdout).toMatch(/Rotated: 1 new index key versions/);
    expect(rotated.stdout).toMatch(/re-indexed 3 rows of patient_identity .*; 0 to go/);
    expect(rotated.stdout).toMatch(/re-indexed 6 rows of accounts .*; 0 to go/);
    expect(indexRows(run('keys', 'list').stdout)).toEqual([
      ['v1', 'active', 'patient_identity=0,accounts=0,invitations=0'],
      ['v2', 'current', 'patient_identity=3,accounts=6,invitations=0'],
    ]);
    expect(run('keys', 'retire').stdout).toMatch(/retired .* index v1/);
    expect(indexRows(run('keys', 'list').stdout)[0]!.slice(0, 2)).toEqual(['v1', 'retired']);
  });

  it('refuses an unknown keys subcommand with the usage', () => {
    const r = run('keys', 'shred');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/keys rotate/);
  });
});
