import { workforce } from '../access/access.policy.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { NotFound, Forbidden } from '../../platform/http/errors.ts';
import type { Policy } from '../../platform/http/route.ts';

/** Managers and admins edit the directory. */
export const manageDirectory: Policy = workforce('manager', 'admin');

const managerRoles = new Set(['manager', 'admin']);

/**
 * The per-record check a directory command makes before it loads anything: a manager or admin of
 * this organization. Another organization's records look like nothing at all.
 */
export function requireManager(actor: Actor, organizationId: string): void {
  if (actor.type === 'system') return;
  if (actor.type !== 'user') throw new Forbidden();
  if (actor.organizationId !== organizationId) throw new NotFound();
  if (!actor.roles.some((r) => managerRoles.has(r))) throw new Forbidden();
}
