import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { seedDemoDataDir, seedMigratedDataDir } from './data-dir.ts';

const bin = path.resolve(import.meta.dirname, '../server/bin/hourglass.mjs');

/**
 * The real server, started by its CLI on a free port with a fresh data directory whose database
 * is already migrated (data-dir.ts); with `templates` (a directory the test run provides), the
 * data dir is a copy of one already seeded with the keyring and the demo clinic on the same clock.
 * `env` adds settings (e.g. `HOURGLASS_HOLD_MINUTES: '1'` for a hold that runs out within a test).
 */
export async function startServer(
  opts: { env?: Record<string, string>; templates?: string } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-e2e-'));
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('HOURGLASS_') && k !== 'DATABASE_URL',
    ),
  );
  const env = { ...inherited, ...opts.env, HOURGLASS_DATA_DIR: dataDir, HOURGLASS_PORT: '0' };
  if (opts.templates) await seedDemoDataDir(dataDir, env, opts.templates);
  else await seedMigratedDataDir(dataDir);
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], { env });
  let out = '';
  let started = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const watch = (showErrors: (d: Buffer) => void) => (d: Buffer) => {
      if (started) return showErrors(d);
      out += String(d);
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', watch(errorLines()));
    child.stderr?.on('data', watch(errorLines()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The server's error log lines (level 50 and up), shown beside the test's output: a test that
 * meets a 5xx then says why. The log holds ids, never PHI (platform/log/log.ts).
 */
function errorLines(): (chunk: Buffer) => void {
  let pending = '';
  return (chunk) => {
    const lines = (pending + String(chunk)).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (levelOf(line) >= 50) process.stderr.write(`[server] ${line}\n`);
    }
  };
}

/** A pino line's level; 0 for anything else the server prints (its start-up banner). */
function levelOf(line: string): number {
  try {
    return (JSON.parse(line) as { level?: number }).level ?? 0;
  } catch {
    return 0;
  }
}

const chromiumOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumOptions);
}

/** The same Chromium as a server that every test file connects to (e2e/global-setup.ts). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer(chromiumOptions);
}
