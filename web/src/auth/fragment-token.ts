import { useState } from 'react';

let taken: { path: string; token: string | null } | null = null;

/** Reads and removes the fragment once; repeated calls (React's strict mode) get the same token. */
function takeToken(): string | null {
  const { hash, pathname, search } = window.location;
  if (hash) {
    const value = new URLSearchParams(hash.slice(1)).get('token');
    taken = { path: pathname, token: value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null };
    history.replaceState(history.state, '', pathname + search);
  }
  return taken?.path === pathname ? taken.token : null;
}

/**
 * The token of an emailed link (`/reset-password#token=…`): read from the fragment, which never
 * reaches a server log or a Referer, then removed from the address bar and the history entry.
 */
export function useFragmentToken(): string | null {
  const [token] = useState(takeToken);
  return token;
}

/** Sign-out forgets a link's token this tab read. */
export function forgetFragmentToken(): void {
  taken = null;
}
