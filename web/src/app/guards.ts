import type { QueryClient } from '@tanstack/react-query';
import { redirect } from '@tanstack/react-router';
import { sessionQuery } from '../api/queries.ts';
import type { Session } from '../api/types.ts';
import { destinationFor, localPath } from '../auth/destination.ts';

interface Ctx {
  context: { queryClient: QueryClient };
  location: { href: string };
}

/**
 * A route that needs a finished sign-in (`beforeLoad`): anyone else goes to sign-in, a session
 * owing its second factor or enrollment to that step, and the other kind of account home.
 */
export async function requireAccount(kind: 'workforce' | 'patient', { context, location }: Ctx) {
  const session: Session | null = await context.queryClient.ensureQueryData(sessionQuery);
  const search = { redirect: location.href };
  if (!session) throw redirect({ to: '/sign-in', search });
  if (session.stage === 'mfa') throw redirect({ to: '/sign-in/verify', search });
  if (session.stage === 'enroll') throw redirect({ to: '/sign-in/enroll', search });
  if (session.account.kind !== kind) {
    throw redirect({ to: session.account.kind === 'workforce' ? '/console' : '/' });
  }
  return { session };
}

const redirectOf = (location: { href: string }) =>
  localPath(new URL(location.href, 'http://x').searchParams.get('redirect'));

/** The sign-in steps: only for a session at that step. */
export async function requireStage(stage: 'mfa' | 'enroll', { context, location }: Ctx) {
  const session: Session | null = await context.queryClient.ensureQueryData(sessionQuery);
  if (!session) throw redirect({ to: '/sign-in' });
  if (session.stage !== stage)
    throw redirect({ href: destinationFor(session, redirectOf(location)) });
  return { session };
}
