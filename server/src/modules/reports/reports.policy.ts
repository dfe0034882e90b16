import type { Actor } from '../../platform/http/actor.ts';
import { workforce } from '../access/access.policy.ts';

/** Managers and admins read the reports (aggregates without identifiers). */
export const readReports = workforce('manager', 'admin');

const readers = ['manager', 'admin'];

/** The per-request rule the service applies: a manager or admin account of an organization. */
export function mayReadReports(actor: Actor): actor is Extract<Actor, { type: 'user' }> {
  return actor.type === 'user' && actor.roles.some((r) => readers.includes(r));
}
