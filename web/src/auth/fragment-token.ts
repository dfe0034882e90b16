import { useState } from 'react';

let taken: { path: string; token: string | null; invitation?: string | null } | null = null;

const linkToken = (value: string | null) =>
  value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;

/** Reads and removes the fragment once; repeated calls (React's strict mode) get the same token. */
function takeToken(): string | null {
  const { hash, pathname, search } = window.location;
  if (hash) {
    const params = new URLSearchParams(hash.slice(1));
    taken = {
      path: pathname,
      token: linkToken(params.get('token')),
      invitation: linkToken(params.get('invitation')),
    };
    history.replaceState(history.state, '', pathname + search);
  }
  return taken?.path === pathname ? taken.token : null;
}

/**
 * The caregiver invitation a verification link carries (`…#token=…&invitation=…`), read with
 * the link's token; null without one.
 */
export function useCarriedInvitation(): string | null {
  const [invitation] = useState(() => {
    takeToken();
    return taken?.path === window.location.pathname ? (taken.invitation ?? null) : null;
  });
  return invitation;
}

/**
 * Hands a link's token to another page of this tab (`path`), in memory only: the invitation
 * page's token to the registration form, a verified invitation back to the invitation page.
 */
export function carryToken(path: string, token: string): void {
  taken = { path, token };
}

/** The token a page of this tab left for `path` (carryToken, or that page's own fragment). */
export function carriedToken(path: string): string | null {
  return taken?.path === path ? taken.token : null;
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
