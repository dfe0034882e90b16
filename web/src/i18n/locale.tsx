import { createContext, use, useEffect, useState, type ReactNode } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import { isLocale, type Locale } from './catalog.ts';

/** The locale code alone (no PHI) is kept, so the choice survives a reload. */
const storageKey = 'hourglass.locale';

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The remembered choice, else the browser's first language we speak, else English. */
export function initialLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

const LocaleContext = createContext<{ locale: Locale; setLocale(next: Locale): void }>({
  locale: 'en',
  setLocale: () => undefined,
});

export const useLocaleChoice = () => use(LocaleContext);

// Messages come from each page's catalog as the default message (see use-messages.ts), so the
// provider holds none and a "missing translation" is expected, not an error.
const noMessages = {};
function reportIntlError(err: { code?: string }) {
  if (err.code !== 'MISSING_TRANSLATION') console.error(err);
}

/**
 * The language of the whole app: react-intl for messages, dates and numbers, React Aria for its
 * components. Changing it re-renders in place — same route, same state — and sets `<html lang>`.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const choose = (next: Locale) => {
    setLocale(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Storage may be off (private mode); the choice then lasts for this visit.
    }
  };
  return (
    <LocaleContext value={{ locale, setLocale: choose }}>
      <IntlProvider
        locale={locale}
        defaultLocale="en"
        messages={noMessages}
        onError={reportIntlError}
      >
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </IntlProvider>
    </LocaleContext>
  );
}
