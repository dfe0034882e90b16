import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchAppointmentTypes,
  fetchProviders,
  fetchScheduleIfChanged,
  type ScheduleQuery,
} from '../../api/schedule.ts';
import { get, seg } from '../../api/client.ts';
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

interface Cached {
  answer: ScheduleAnswer;
  etag: string | null;
  /** When the grid last heard from the server (a 200 or a 304). */
  checkedAt: number;
}

/** The key names the location, the dates and the providers: ids and dates only. */
export const scheduleKey = (q: ScheduleQuery) =>
  ['schedule', q.locationId, q.from, q.to, q.providers?.join(',') ?? 'all'] as const;

/**
 * The schedule of a location and range, polled with its ETag: a 304 keeps what is shown. Polls
 * are background requests (they do not keep an idle session alive). Patient names live in
 * memory only, and go when the page does (`gcTime: 0`).
 */
export function useSchedule(q: ScheduleQuery | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: q ? scheduleKey(q) : ['schedule', 'none'],
    enabled: q !== null,
    gcTime: 0,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
    queryFn: async ({ signal, queryKey }): Promise<Cached> => {
      const prev = client.getQueryData<Cached>(queryKey);
      const next = await fetchScheduleIfChanged(q!, prev?.etag ?? null, {
        signal,
        background: prev !== undefined,
      });
      const checkedAt = Date.now();
      if (!next) return { ...prev!, checkedAt };
      // For the 50-provider measurement: when the first answer arrived, from the navigation.
      if (performance.getEntriesByName('schedule-answer').length === 0) {
        performance.mark('schedule-answer');
      }
      return { ...next, checkedAt };
    },
  });
}
