import { queryOptions } from '@tanstack/react-query';
import { fetchConsents, fetchDevices, fetchPreferences } from '../../api/account.ts';

/** Ids only in the keys; the answers live in memory and go when the page closes. */
export const devicesQuery = queryOptions({
  queryKey: ['account', 'devices'],
  queryFn: ({ signal }) => fetchDevices(signal),
  gcTime: 0,
});

export const preferencesQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['account', 'preferences', patientId],
    queryFn: ({ signal }) => fetchPreferences(patientId, signal),
    gcTime: 0,
  });

export const consentsQuery = (patientId: string) =>
  queryOptions({
    queryKey: ['account', 'consents', patientId],
    queryFn: ({ signal }) => fetchConsents(patientId, signal),
    gcTime: 0,
  });
