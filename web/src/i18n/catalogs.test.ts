import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { locales, type Catalog } from './catalog.ts';

// Every catalog of the app: each page's `<page>.messages.ts` and the shared ones.
const modules = import.meta.glob<Record<string, unknown>>('../**/*.messages.ts', { eager: true });
const catalogs = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports).map(([name, catalog]) => ({
    where: `${file} ${name}`,
    catalog: catalog as Catalog,
  })),
);

/** The arguments a message takes, with their kind: `count:plural`, `time:argument`… */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    into.add(`${e.value}:${TYPE[e.type]}`);
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    }
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

describe('the English and Spanish catalogs', () => {
  it('are found: every page brings its own', () => {
    expect(catalogs.length).toBeGreaterThanOrEqual(15);
  });

  it.each(catalogs)('$where: the same keys in both languages', ({ catalog }) => {
    expect(Object.keys(catalog.es).sort()).toEqual(Object.keys(catalog.en).sort());
  });

  it.each(catalogs)('$where: every message parses and takes the same arguments', ({ catalog }) => {
    for (const key of Object.keys(catalog.en)) {
      const args = locales.map((locale) => {
        const text = catalog[locale][key]!;
        expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
        return [...argumentsOf(parse(text))].sort();
      });
      expect(args[1], `arguments of ${key}`).toEqual(args[0]);
    }
  });

  it('use each key once across the app, so a page cannot shadow another', () => {
    const seen = new Map<string, string>();
    for (const { where, catalog } of catalogs) {
      for (const key of Object.keys(catalog.en)) {
        expect(seen.get(key), `${key} in ${where}`).toBeUndefined();
        seen.set(key, where);
      }
    }
  });

  it('are really translated: Spanish differs from English beyond names and numbers', () => {
    const same = catalogs.flatMap(({ catalog }) =>
      Object.keys(catalog.en).filter(
        (k) => catalog.en[k] === catalog.es[k] && /[a-z]{4}/.test(catalog.en[k]!),
      ),
    );
    expect(same).toEqual(['shell.brandFallback']);
  });
});
