import type { Session } from '../api/types.ts';

/** A path inside this app (never another origin), or undefined. */
export function localPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//'))
    return undefined;
  if (value.includes('\\')) return undefined;
  return value;
}

/** Where a session goes next: its unfinished sign-in step, or the place it came for, or home. */
export function destinationFor(session: Session, redirect?: string): string {
  const carry = redirect ? `?${new URLSearchParams({ redirect })}` : '';
  if (session.stage === 'mfa') return `/sign-in/verify${carry}`;
  if (session.stage === 'enroll') return `/sign-in/enroll${carry}`;
  const workforce = session.account.kind === 'workforce';
  const inConsole = (p: string) => p === '/console' || p.startsWith('/console/');
  if (redirect && !redirect.startsWith('/sign-in') && inConsole(redirect) === workforce) {
    return redirect;
  }
  return workforce ? '/console' : '/';
}
