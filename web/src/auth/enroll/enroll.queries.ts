import { queryOptions } from '@tanstack/react-query';
import { startEnrollment } from '../../api/identity.ts';

/**
 * The new authenticator's secret, asked for once per visit of the page (a second request would
 * replace the secret the person is scanning). Kept in memory only, dropped when the page closes.
 */
export const enrollmentQuery = queryOptions({
  queryKey: ['enrollment'],
  queryFn: () => startEnrollment(),
  staleTime: Infinity,
  gcTime: 0,
  retry: false,
});
