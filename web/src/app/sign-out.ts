import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useCallback } from 'react';
import { signOut } from '../api/identity.ts';
import { keys } from '../api/queries.ts';
import { forgetFragmentToken } from '../auth/fragment-token.ts';

export type SignOutNotice = 'signed-out' | 'timeout' | 'expired';

/**
 * Ends the session and forgets everything this tab holds about it: the whole query cache (so no
 * page's data survives for the next person at this device), a link token read earlier, and the
 * router's cached matches.
 */
export function useSignOut() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    async (notice: SignOutNotice = 'signed-out', redirect?: string) => {
      queryClient.clear();
      forgetFragmentToken();
      // Known signed out at once, so a late 401 is not taken for a session that just expired.
      queryClient.setQueryData(keys.session, null);
      try {
        await signOut();
      } catch {
        // Already ended on the server (timeout): nothing more to do there.
      }
      router.clearCache();
      await router.navigate({
        to: '/sign-in',
        search: { notice, ...(redirect ? { redirect } : {}) },
        replace: true,
      });
    },
    [queryClient, router],
  );
}
