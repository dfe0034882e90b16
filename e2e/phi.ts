import type { BrowserContext, Page } from 'playwright-core';

/**
 * Records everything a page could leak PHI through besides the screen: every request URL, the
 * console, and (when asked) localStorage, sessionStorage, IndexedDB database names and Cache
 * Storage keys. `leaks(needles)` answers where any of the given strings was found.
 */
export function recordLeaks(target: Page | BrowserContext) {
  const urls: string[] = [];
  const consoleLines: string[] = [];
  const pages = 'pages' in target ? target.pages() : [target];
  const watch = (page: Page) => {
    page.on('request', (r) => urls.push(r.url()));
    page.on('console', (m) => consoleLines.push(m.text()));
    page.on('pageerror', (e) => consoleLines.push(e.message));
  };
  pages.forEach(watch);
  if ('pages' in target) target.on('page', watch);

  return {
    urls,
    console: consoleLines,
    /** The places where any needle (case-insensitive) shows up. */
    async leaks(page: Page, needles: string[]): Promise<string[]> {
      const stored = await page.evaluate(async () => {
        const dump = (s: Storage) =>
          Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`);
        const dbs = (await indexedDB.databases()).map((d) => d.name ?? '');
        const caches = await Promise.all(
          (await window.caches.keys()).map(async (name) => [
            name,
            ...(await (await window.caches.open(name)).keys()).map((r) => r.url),
          ]),
        );
        return {
          localStorage: dump(localStorage),
          sessionStorage: dump(sessionStorage),
          indexedDB: dbs,
          cacheStorage: caches.flat(),
        };
      });
      const places: Record<string, string[]> = { url: urls, console: consoleLines, ...stored };
      const found: string[] = [];
      for (const needle of needles) {
        const n = needle.toLowerCase();
        for (const [place, values] of Object.entries(places)) {
          const hit = values.find((v) => v.toLowerCase().includes(n));
          if (hit) found.push(`${JSON.stringify(needle)} in ${place}: ${hit}`);
        }
      }
      return found;
    },
  };
}
