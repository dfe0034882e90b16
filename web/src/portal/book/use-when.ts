import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** Dates and times as the patient reads them, in the zone they chose. */
export function useWhen(zone: string) {
  const intl = useIntl();
  const day = useCallback(
    (instant: string | number) =>
      intl.formatDate(instant, { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric' }),
    [intl, zone],
  );
  const shortDay = useCallback(
    (instant: string | number) =>
      intl.formatDate(instant, {
        timeZone: zone,
        weekday: 'short',
        month: 'short',
        day: 'numeric',
      }),
    [intl, zone],
  );
  const time = useCallback(
    (instant: string | number) =>
      intl.formatTime(instant, { timeZone: zone, hour: 'numeric', minute: '2-digit' }),
    [intl, zone],
  );
  /** A local date (`2027-03-08`) as a day name, read at noon UTC so no zone moves it. */
  const date = useCallback(
    (localDate: string, short = false) =>
      intl.formatDate(`${localDate}T12:00:00Z`, {
        timeZone: 'UTC',
        weekday: short ? 'short' : 'long',
        month: short ? 'short' : 'long',
        day: 'numeric',
      }),
    [intl],
  );
  return { day, shortDay, time, date };
}

/** Language codes (`es`) as names in the reader's language (`Spanish`, `español`). */
export function useLanguageNames() {
  const intl = useIntl();
  return useCallback(
    (codes: string[]) => {
      let names: Intl.DisplayNames | null = null;
      try {
        names = new Intl.DisplayNames([intl.locale], { type: 'language' });
      } catch {
        names = null;
      }
      const list = codes.map((c) => names?.of(c) ?? c);
      return new Intl.ListFormat(intl.locale, { type: 'conjunction' }).format(list);
    },
    [intl.locale],
  );
}

/** The device's zone: where the patient most likely is (times are shown in it at first). */
export function deviceZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
