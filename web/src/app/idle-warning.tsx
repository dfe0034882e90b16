import { useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { lastActivityAt, onActivity } from '../api/client.ts';
import { useSession } from '../api/queries.ts';
import { useSignOut } from './sign-out.ts';

const IdleDialog = lazy(() => import('./idle-dialog.tsx'));

/** How long before the idle timeout the warning shows. */
export const warningMs = 60_000;

/**
 * When the warning shows and when the session ends, from the last activity the server counted:
 * the idle timeout, or the absolute lifetime if that comes first (no warning can extend it).
 */
export function idleDeadlines(lastActivity: number, idleSeconds: number, expiresAt: number) {
  const idleEnd = lastActivity + idleSeconds * 1000;
  return { warnAt: idleEnd - warningMs, endAt: Math.min(idleEnd, expiresAt) };
}

/**
 * The automatic logoff, seen from the browser: a minute before the idle timeout a dialog offers
 * "stay signed in" (one request that counts as activity) or "sign out"; at the timeout the tab
 * signs out and shows sign-in with a notice. Background requests do not count as activity.
 */
export function IdleWarning() {
  const { data: session } = useSession();
  const signOut = useSignOut();
  const href = useRef('');
  href.current = useRouterState({ select: (s) => s.location.href });
  const [warning, setWarning] = useState<number | null>(null);

  useEffect(() => {
    if (!session) return;
    let warnTimer: ReturnType<typeof setTimeout> | undefined;
    let endTimer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      setWarning(null);
      const { warnAt, endAt } = idleDeadlines(
        lastActivityAt(),
        session.idleTimeoutSeconds,
        Date.parse(session.expiresAt),
      );
      warnTimer = setTimeout(() => setWarning(endAt), Math.max(0, warnAt - Date.now()));
      endTimer = setTimeout(
        () => void signOut('timeout', href.current),
        Math.max(0, endAt - Date.now()),
      );
    };
    schedule();
    const off = onActivity(schedule);
    return () => {
      off();
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
    };
  }, [session, signOut]);

  if (warning === null) return null;
  return (
    <Suspense fallback={null}>
      <IdleDialog endsAt={warning} onSignOut={() => void signOut('signed-out')} />
    </Suspense>
  );
}
