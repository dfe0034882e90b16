/** The languages the web app speaks; English is the source of every message. */
export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];

/** Messages in ICU MessageFormat, by key (`area.page.what`). */
export type Messages = Record<string, string>;

/** One area's or page's messages in every language, with the same keys in each. */
export interface Catalog<E extends Messages = Messages> {
  en: E;
  es: { [K in keyof E]: string };
}

/**
 * Declares a page's messages. The Spanish object must have exactly the English keys: a missing
 * or extra key fails `npm run typecheck`; `catalogs.test.ts` checks that both parse and take the
 * same ICU arguments.
 */
export function defineMessages<const E extends Messages>(catalog: {
  en: E;
  es: { [K in keyof E]: string };
}): Catalog<E> {
  return catalog;
}

/** The endonym of each language, shown in its own language by the switch. */
export const languageNames: Record<Locale, string> = { en: 'English', es: 'Español' };

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);
