import { useIntl } from 'react-intl';

/** ISO weekdays (1 = Monday) named in the reader's language: 2024-01-01 was a Monday. */
export function useWeekdayName() {
  const intl = useIntl();
  return (weekday: number) =>
    intl.formatDate(Date.UTC(2024, 0, weekday), { weekday: 'long', timeZone: 'UTC' });
}

/** A local date (YYYY-MM-DD) as the reader writes dates, read as the calendar date it is. */
export function useLocalDate() {
  const intl = useIntl();
  return (date: string) =>
    intl.formatDate(`${date}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
}
