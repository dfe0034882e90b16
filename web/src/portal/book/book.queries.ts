import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  fetchAppointmentTypes,
  fetchDependants,
  fetchEligibility,
  fetchFirstTime,
  fetchMyAppointments,
  fetchProviders,
  fetchTimes,
  fetchVisitGuide,
  type TimesQuery,
} from '../../api/booking.ts';
import { fetchIntakeForm } from '../../api/intake.ts';
import { polled } from '../../api/poll.ts';
import { ApiError } from '../../api/problem.ts';

/**
 * The booking flow's reads. Keys carry ids, dates and zones only. What names a person (the
 * dependants, the patient's own visits, eligibility) lives in memory and goes with the page
 * (`gcTime: 0`); the clinic's public directory is kept a few minutes.
 */

const publicData = { staleTime: 5 * 60_000 };
const personal = { staleTime: 30_000, gcTime: 0, retry: false } as const;
const missingAsNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
};

export const guideQuery = (slug: string) =>
  queryOptions({
    queryKey: ['visit-guide', slug],
    queryFn: ({ signal }) => missingAsNull(fetchVisitGuide(slug, signal)),
    ...publicData,
  });

export const typesQuery = (slug: string) =>
  queryOptions({
    queryKey: ['appointment-types', slug],
    queryFn: async ({ signal }) => (await fetchAppointmentTypes(slug, signal)).appointmentTypes,
    ...publicData,
  });

export const providersQuery = (slug: string) =>
  queryOptions({
    queryKey: ['providers', slug],
    queryFn: async ({ signal }) => (await fetchProviders(slug, signal)).providers,
    ...publicData,
  });

export const eligibilityQuery = (typeIds: string[], patientId: string | undefined) =>
  queryOptions({
    queryKey: ['eligibility', patientId ?? 'self', ...typeIds],
    queryFn: async ({ signal }) => (await fetchEligibility(typeIds, patientId, signal)).types,
    ...personal,
  });

export const dependantsQuery = queryOptions({
  queryKey: ['dependants'],
  queryFn: async ({ signal }) => (await fetchDependants(signal)).dependants,
  ...personal,
});

/** The patient's latest visit (past first, else the next one): what "book again" offers. */
export const lastVisitQuery = (patientId: string | undefined) =>
  queryOptions({
    queryKey: ['last-visit', patientId ?? 'self'],
    queryFn: async ({ signal }) => {
      const past = await fetchMyAppointments('past', 5, patientId, signal);
      const seen = past.appointments.find((a) => a.status !== 'cancelled');
      if (seen) return seen;
      const next = await fetchMyAppointments('upcoming', 5, patientId, signal);
      return next.appointments.find((a) => a.status !== 'held') ?? null;
    },
    ...personal,
  });

/**
 * The days and times of a window, polled every 20 s while shown (api/poll.ts). The first read is
 * the patient's; the polls are marked `background` (not activity, for the idle timeout).
 */
export const timesQuery = (client: QueryClient, q: TimesQuery) =>
  queryOptions({
    ...polled<Awaited<ReturnType<typeof fetchTimes>>>(client, {
      queryKey: [
        'times',
        q.appointmentTypeId,
        q.modality,
        q.zone,
        q.from,
        q.to,
        q.providerId ?? 'any',
        q.locationId ?? 'any',
      ],
      everyMs: 20_000,
      read: ({ signal, background }) => fetchTimes(q, { signal, background }),
    }),
    staleTime: 10_000,
  });

export const firstTimeQuery = (q: Omit<TimesQuery, 'from' | 'to'>) =>
  queryOptions({
    queryKey: [
      'first-time',
      q.appointmentTypeId,
      q.modality,
      q.providerId ?? 'any',
      q.locationId ?? 'any',
    ],
    queryFn: ({ signal }) => fetchFirstTime(q, signal),
    staleTime: 15_000,
  });

/** Whether the visit type has an intake form (null: none), by the type's id. */
export const intakeFormQuery = (organizationId: string, typeId: string) =>
  queryOptions({
    queryKey: ['intake-form', typeId],
    queryFn: ({ signal }) => missingAsNull(fetchIntakeForm(organizationId, typeId, signal)),
    staleTime: 5 * 60_000,
    retry: false,
  });
