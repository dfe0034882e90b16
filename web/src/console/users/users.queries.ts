import { queryOptions } from '@tanstack/react-query';
import { fetchAccounts, fetchInvitations } from '../../api/admin.ts';

/** The organization's staff accounts (admins); names and work emails stay in memory only. */
export const accountsQuery = queryOptions({
  queryKey: ['admin', 'accounts'],
  queryFn: ({ signal }) => fetchAccounts(signal).then((r) => r.accounts),
  gcTime: 0,
});

/** Invitations still waiting (admins), in memory only like the accounts. */
export const invitationsQuery = queryOptions({
  queryKey: ['admin', 'invitations'],
  queryFn: ({ signal }) => fetchInvitations(signal).then((r) => r.invitations),
  gcTime: 0,
});
