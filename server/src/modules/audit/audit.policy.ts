import { deny } from '../access/access.policy.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * Who may call the compliance routes (search, export, accounting of disclosures). A placeholder
 * until identity lands: the lead wires it to the compliance-officer role policy.
 */
export const readAuditLog: Policy = deny;

/** The per-record rule the services apply: compliance officers, within their own organization. */
export function mayReadAuditLog(actor: Actor): actor is Extract<Actor, { type: 'user' }> {
  return actor.type === 'user' && actor.roles.includes('compliance_officer');
}
