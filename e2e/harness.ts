import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer } from './server.ts';

export { launchBrowser, startServer } from './server.ts';

export type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * One server for a test file and the run's shared browser (global-setup.ts), ready before the
 * file's tests and let go after. Each test opens its own context (cookies, storage) in it.
 */
export function useServerAndBrowser(opts: Parameters<typeof startServer>[0] = {}) {
  const env = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    const [server, browser] = await Promise.all([
      startServer({ ...opts, templates: inject('dataDirTemplates') }),
      chromium.connect(inject('browserWsEndpoint')),
    ]);
    Object.assign(env, { server, browser });
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** A phone and a desktop, the widths every page is checked and photographed at. */
export const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const desktop = { viewport: { width: 1280, height: 800 } };
