/**
 * Who is acting on a request. Until accounts exist every caller is anonymous; the identity module
 * replaces the resolver that fills this in.
 */
export type Actor =
  | { type: 'anonymous' }
  | { type: 'system'; job: string }
  | { type: 'user'; id: string; organizationId: string; roles: string[] }
  | { type: 'patient'; id: string; organizationId: string };

export const anonymous: Actor = Object.freeze({ type: 'anonymous' });

export function actorId(actor: Actor): string | null {
  if (actor.type === 'anonymous') return null;
  if (actor.type === 'system') return actor.job;
  return actor.id;
}
