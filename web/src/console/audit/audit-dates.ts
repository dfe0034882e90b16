import { getLocalTimeZone, type CalendarDate } from '@internationalized/date';

/** The instant a day starts in the reader's zone (the API filters by instants). */
export const startOf = (day: CalendarDate) => day.toDate(getLocalTimeZone()).toISOString();

/** The instant after a day ends (the API's `to` is exclusive), so the day is included. */
export const endOf = (day: CalendarDate) => startOf(day.add({ days: 1 }));

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
