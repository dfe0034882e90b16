import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string;
    /** Where the run keeps its seeded data dirs, one per server clock (data-dir.ts). */
    dataDirTemplates: string;
  }
}

/**
 * One Chromium for the whole run, which each test file connects to, and one directory of seeded
 * data dirs that each file's server starts from a copy of (harness.ts).
 */
export default async function setup(project: TestProject) {
  const browser = await launchBrowserServer();
  const templates = mkdtempSync(path.join(tmpdir(), 'hourglass-e2e-templates-'));
  project.provide('browserWsEndpoint', browser.wsEndpoint());
  project.provide('dataDirTemplates', templates);
  return async () => {
    await browser.close();
    rmSync(templates, { recursive: true, force: true });
  };
}
