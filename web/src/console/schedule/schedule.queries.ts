import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchAppointmentTypes,
  fetchProviders,
  fetchScheduleIfChanged,
  type ScheduleQuery,
} from '../../api/schedule.ts';
import { get, seg } from '../../api/client.ts';
import { polledIfChanged } from '../../api/poll.ts';
import type { ScheduleAnswer } from '../../api/types.ts';

/** How often the grid asks whether the schedule changed (a 304 costs one index read). */
export const POLL_MS = 5_000;

export const providersQuery = (slug: string) =>
  queryOptions({
    queryKey: ['directory', slug, 'providers'],
    queryFn: ({ signal }) => fetchProviders(slug, signal),
    staleTime: 5 * 60_000,
  });

export const typesQuery = (slug: string) =>
  queryOptions({
    queryKey: ['directory', slug, 'appointment-types'],
    queryFn: ({ signal }) => fetchAppointmentTypes(slug, signal),
    staleTime: 5 * 60_000,
  });

/** The rooms and equipment of a location: the day's room columns. */
export const roomsQuery = (locationId: string) =>
  queryOptions({
    queryKey: ['directory', 'location', locationId, 'resources'],
    queryFn: ({ signal }) =>
      get<{ resources: { id: string; name: string; kind: string }[] }>(
        `/api/locations/${seg(locationId)}/resources`,
        { signal },
      ),
    staleTime: 5 * 60_000,
  });

/** The key names the location, the dates and the providers: ids and dates only. */
export const scheduleKey = (q: ScheduleQuery) =>
  ['schedule', q.locationId, q.from, q.to, q.providers?.join(',') ?? 'all'] as const;

/**
 * The schedule of a location and range, polled with its ETag (api/poll.ts): a 304 keeps what is
 * shown. Polls are background requests (they do not keep an idle session alive). Patient names
 * live in memory only, and go when the page does (`gcTime: 0`).
 */
export function useSchedule(q: ScheduleQuery | null) {
  const client = useQueryClient();
  return useQuery({
    ...polledIfChanged<ScheduleAnswer>(client, {
      queryKey: q ? scheduleKey(q) : ['schedule', 'none'],
      everyMs: POLL_MS,
      read: async (etag, opts) => {
        const next = await fetchScheduleIfChanged(q!, etag, opts);
        // For the 50-provider measurement: when the first answer arrived, from the navigation.
        if (next && performance.getEntriesByName('schedule-answer').length === 0) {
          performance.mark('schedule-answer');
        }
        return next;
      },
    }),
    enabled: q !== null,
    gcTime: 0,
  });
}
