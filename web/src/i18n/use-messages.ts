import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import type { Catalog, Locale, Messages } from './catalog.ts';

export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;
export type Translate<E extends Messages> = (
  key: keyof E & string,
  values?: MessageValues,
) => string;

/**
 * The current language's messages of one catalog, formatted by react-intl (ICU plurals, selects,
 * dates, numbers). Use one catalog per page: its messages travel in the page's own chunk.
 */
export function useMessages<E extends Messages>(catalog: Catalog<E>): Translate<E> {
  const intl = useIntl();
  const messages = catalog[intl.locale as Locale] ?? catalog.en;
  return useCallback(
    (key, values) =>
      intl.formatMessage({ id: key, defaultMessage: messages[key] ?? catalog.en[key] }, values),
    [intl, messages, catalog],
  );
}
