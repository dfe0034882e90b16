import { queryOptions } from '@tanstack/react-query';
import { fetchVerification } from '../../../api/audit.ts';

/**
 * The state of verification. While a run goes on it is asked again every two seconds, in the
 * background (not activity: an officer watching a run is not kept signed in by it).
 */
export const verificationQuery = queryOptions({
  queryKey: ['audit', 'verification'],
  queryFn: ({ signal, meta }) => fetchVerification(signal, Boolean(meta?.background)),
  refetchInterval: (query) => (query.state.data?.running ? 2000 : false),
  meta: { background: true },
});
