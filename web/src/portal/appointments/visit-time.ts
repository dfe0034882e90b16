import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/**
 * An instant as the clinic's location shows it: the date and the time in that location's zone
 * (the zone's short name with the time), whatever the device's own zone is.
 */
export function useVisitTime() {
  const intl = useIntl();
  return useCallback(
    (iso: string, timeZone: string) => {
      const at = new Date(iso);
      return {
        date: intl.formatDate(at, {
          timeZone,
          weekday: 'long',
          month: 'long',
          day: 'numeric',
          year: 'numeric',
        }),
        shortDate: intl.formatDate(at, {
          timeZone,
          weekday: 'short',
          month: 'short',
          day: 'numeric',
        }),
        time: intl.formatTime(at, {
          timeZone,
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        }),
        clock: intl.formatTime(at, { timeZone, hour: 'numeric', minute: '2-digit' }),
      };
    },
    [intl],
  );
}
