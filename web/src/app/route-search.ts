import { localPath } from '../auth/destination.ts';

/**
 * The search parameters routes accept, parsed from the URL: local paths, known notices and
 * opaque ids only, never PHI.
 */
type Notice = 'timeout' | 'signed-out' | 'expired';
const notices: readonly unknown[] = ['timeout', 'signed-out', 'expired'] satisfies Notice[];

/** Where to go after signing in (a local path), and why sign-in was shown. No PHI. */
export function signInSearch(search: Record<string, unknown>): {
  redirect?: string;
  notice?: Notice;
} {
  const redirect = localPath(search.redirect);
  return {
    ...(redirect ? { redirect } : {}),
    ...(notices.includes(search.notice) ? { notice: search.notice as Notice } : {}),
  };
}
/** The audit search's deep-link filters: opaque ids only. */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function auditEventsSearch(search: Record<string, unknown>): {
  patientId?: string;
  actorId?: string;
} {
  const id = (v: unknown) => (typeof v === 'string' && uuid.test(v) ? v : undefined);
  const patientId = id(search.patientId);
  const actorId = id(search.actorId);
  return { ...(patientId ? { patientId } : {}), ...(actorId ? { actorId } : {}) };
}
export const redirectSearch = (search: Record<string, unknown>): { redirect?: string } => {
  const redirect = localPath(search.redirect);
  return redirect ? { redirect } : {};
};
