import { workforce } from '../access/access.policy.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Policy } from '../../platform/http/route.ts';

/** Who may call the compliance routes (search, export, accounting of disclosures). */
export const readAuditLog: Policy = workforce('compliance_officer');

/** The per-record rule the services apply: compliance officers, within their own organization. */
export function mayReadAuditLog(actor: Actor): actor is Extract<Actor, { type: 'user' }> {
  return actor.type === 'user' && actor.roles.includes('compliance_officer');
}
