import { infiniteQueryOptions } from '@tanstack/react-query';
import { searchAuditEvents } from '../../../api/audit.ts';
import type { AuditFilter } from '../../../api/types.ts';

/** Pages of the search, newest first; each next page starts below the last one's sequence number. */
export const auditEventsQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', 'events', filter],
    queryFn: ({ pageParam, signal }) =>
      searchAuditEvents(
        { ...filter, limit: 50, ...(pageParam ? { before: pageParam } : {}) },
        signal,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
    gcTime: 0,
  });
