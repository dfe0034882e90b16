import { queryOptions } from '@tanstack/react-query';
import { fetchDisclosures } from '../../../api/audit.ts';

/** One record's accounting for a period; the key holds the opaque id and instants only. */
export const disclosureQuery = (patientId: string, period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ['audit', 'disclosures', patientId, period.from, period.to],
    queryFn: ({ signal }) => fetchDisclosures(patientId, period, signal),
    gcTime: 0,
  });
