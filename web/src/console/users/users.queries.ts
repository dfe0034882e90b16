import { queryOptions } from '@tanstack/react-query';
import { fetchAccounts } from '../../api/admin.ts';

/** The organization's staff accounts (admins); names and work emails stay in memory only. */
export const accountsQuery = queryOptions({
  queryKey: ['admin', 'accounts'],
  queryFn: ({ signal }) => fetchAccounts(signal).then((r) => r.accounts),
  gcTime: 0,
});
