import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  fetchCompactAvailability,
  fetchMyAppointments,
  type When,
} from '../../api/my-appointments.ts';

/** Keys name what is cached by ids and dates only; the answers stay in memory. */
export const appointmentKeys = {
  all: ['my-appointments'] as const,
  list: (when: When, patientId?: string) => ['my-appointments', when, patientId ?? 'self'] as const,
  next: ['my-appointments', 'next'] as const,
  times: (appointmentId: string, from: string) =>
    ['reschedule-times', appointmentId, from] as const,
};

export const pageSize = 10;

/** Upcoming or past, a page at a time ("Show more" asks for the next); a dependant's by id. */
export const myAppointmentsQuery = (when: When, patientId?: string) =>
  infiniteQueryOptions({
    queryKey: appointmentKeys.list(when, patientId),
    queryFn: ({ pageParam, signal }) =>
      fetchMyAppointments({ when, limit: pageSize, cursor: pageParam, patientId }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    gcTime: 0,
  });

/** The soonest upcoming appointment, for the landing page. */
export const nextAppointmentQuery = queryOptions({
  queryKey: appointmentKeys.next,
  queryFn: async ({ signal }) =>
    (await fetchMyAppointments({ when: 'upcoming', limit: 1 }, signal)).appointments[0] ?? null,
  gcTime: 0,
});

/** After any change: every list of the patient's appointments is read again. */
export const refreshAppointments = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: appointmentKeys.all });

export const rescheduleTimesQuery = (
  appointmentId: string,
  q: Parameters<typeof fetchCompactAvailability>[0],
) =>
  queryOptions({
    queryKey: [...appointmentKeys.times(appointmentId, q.from), q.to, q.zone],
    queryFn: ({ signal }) => fetchCompactAvailability(q, signal),
    staleTime: 0,
  });
