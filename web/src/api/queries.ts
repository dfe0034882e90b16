import { QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { fetchClinic } from './directory.ts';
import { fetchSession } from './identity.ts';
import { ApiError } from './problem.ts';

/**
 * Query keys, one place: a key names what is cached, never a person's data (ids only).
 * Sign-out clears the whole cache (`queryClient.clear()`).
 */
export const keys = {
  session: ['session'] as const,
  clinic: ['clinic'] as const,
  intake: (appointmentType: string) => ['intake', appointmentType] as const,
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A refetch on focus would count as activity and keep an idle session alive.
        refetchOnWindowFocus: false,
        // Only failures that may pass: the network, or the server's own trouble.
        retry: (count, err) =>
          count < 2 && err instanceof ApiError && (err.status === 0 || err.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

/** Read once and refreshed by the sign-in steps; asking again would count as activity. */
export const sessionQuery = queryOptions({
  queryKey: keys.session,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: Infinity,
});

export const clinicQuery = queryOptions({
  queryKey: keys.clinic,
  queryFn: ({ signal }) => fetchClinic(signal),
  staleTime: 5 * 60_000,
});

export const useSession = () => useQuery(sessionQuery);
export const useClinic = () => useQuery(clinicQuery);

/** Reads the session again (after a sign-in step changed it) and caches the answer. */
export const refreshSession = (queryClient: QueryClient) =>
  queryClient.fetchQuery({ ...sessionQuery, staleTime: 0 });
