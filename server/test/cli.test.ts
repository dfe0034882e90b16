import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPgliteDataDir } from './harness.ts';

const bin = path.resolve(import.meta.dirname, '../bin/hourglass.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-cli-'));
// A data dir as initdb leaves it (creating one on disk takes the CLI half a minute on a busy
// machine); the browser tests start from a truly empty one.
beforeAll(() => seedPgliteDataDir(dataDir, { empty: true }));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The CLI reads only HOURGLASS_* and DATABASE_URL; start each run from a clean slate of those.
function env(extra: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('HOURGLASS_') && k !== 'DATABASE_URL',
    ),
  );
  return { ...clean, HOURGLASS_DATA_DIR: dataDir, ...extra };
}

function run(args: string[], extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: env(extra),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Starts the server on a free port, waits for readiness, and stops it with SIGTERM. */
async function startAndStop() {
  const child = spawn(process.execPath, [bin, 'start'], { env: env({ HOURGLASS_PORT: '0' }) });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start banner:\n${out}`)), 50_000);
    child.stdout.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  const ready = await fetch(`${url}/health/ready`);
  const clinic = (await (await fetch(`${url}/api/organizations/demo`)).json()) as {
    locations: unknown[];
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  return { out, ready: ready.status, locations: clinic.locations.length, code: await exited };
}

// Each case starts Node and the app, most of them PGlite on disk too: slow on a busy machine.
describe('the hourglass command', { timeout: 120_000 }, () => {
  it('prints help', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/start .*\n.*migrate .*\n.*seed-demo/);
  });

  it('refuses an unknown command with its usage and exit code 2', () => {
    const r = run(['frobnicate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command.*frobnicate/);
  });

  it('refuses an unsafe production configuration with exit code 78, naming each fix', () => {
    const r = run(['start'], {
      HOURGLASS_PROFILE: 'production',
      HOURGLASS_HOST: '0.0.0.0',
      HOURGLASS_BEHIND_TSL_PROXY: 'true',
    });
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(
      /HOURGLASS_BEHIND_TSL_PROXY is not a Hourglass setting \(did you mean HOURGLASS_BEHIND_TLS_PROXY\?\)/,
    );
    expect(r.stderr).toMatch(/without TLS/);
    expect(r.stderr).toMatch(/development keyring/);
    expect(r.stderr).toMatch(/DATABASE_URL/);
  });

  it('migrates, then finds the database up to date', () => {
    const first = run(['migrate'], { HOURGLASS_HOLD_MINTUES: '20' });
    expect(first.status, first.stderr).toBe(0);
    // Outside production a misspelled variable is named, and the command still runs.
    expect(first.stderr).toMatch(
      /warning: HOURGLASS_HOLD_MINTUES is not a Hourglass setting \(did you mean HOURGLASS_HOLD_MINUTES\?\)/,
    );
    expect(first.stdout).toMatch(/Applied 0001_foundation, 0002_directory, 0003_people/);
    const second = run(['migrate']);
    expect(second.stdout).toMatch(/up to date/);
  });

  it('starts with the demo clinic, and a second start reuses the same data', async () => {
    const first = await startAndStop();
    expect(first.ready).toBe(200);
    expect(first.locations).toBe(2);
    expect(first.out).toMatch(/DEMO DATA, created just now/);
    expect(first.code).toBe(0);
    expect(statSync(path.join(dataDir, 'keyring.dev.json')).mode & 0o777).toBe(0o600);

    const second = await startAndStop();
    expect(second.ready).toBe(200);
    expect(second.locations).toBe(2);
    expect(second.out).not.toMatch(/created just now/);
    expect(second.out).not.toMatch(/Generated a development keyring/);
  });
});
