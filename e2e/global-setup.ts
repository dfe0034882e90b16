import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    browserWsEndpoint: string;
  }
}

/** One Chromium for the whole run; each test file connects to it (harness.ts). */
export default async function setup(project: TestProject) {
  const browser = await launchBrowserServer();
  project.provide('browserWsEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
  };
}
