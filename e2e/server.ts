import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { seedMigratedDataDir } from './data-dir.ts';

const bin = path.resolve(import.meta.dirname, '../server/bin/hourglass.mjs');

/**
 * The real server, started by its CLI on a free port with a fresh data directory whose database
 * is already migrated (data-dir.ts). `env` adds settings (e.g. `HOURGLASS_HOLD_MINUTES: '1'` for
 * a hold that runs out within a test).
 */
export async function startServer(
  opts: { env?: Record<string, string> } = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hourglass-e2e-'));
  await seedMigratedDataDir(dataDir);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('HOURGLASS_') && k !== 'DATABASE_URL',
    ),
  );
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    env: { ...env, ...opts.env, HOURGLASS_DATA_DIR: dataDir, HOURGLASS_PORT: '0' },
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const onData = (d: Buffer) => {
      out += String(d);
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
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
