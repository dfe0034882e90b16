/** The workforce roles. A workforce account holds one or more. */
export const workforceRoles = [
  'front_desk',
  'clinician',
  'manager',
  'admin',
  'compliance_officer',
] as const;
export type WorkforceRole = (typeof workforceRoles)[number];

/**
 * Where a signed-in session stands: `enroll` (workforce without TOTP yet: only enrollment is
 * reachable), `mfa` (password accepted, TOTP still owed), `full`.
 */
export type SessionStage = 'enroll' | 'mfa' | 'full';

export interface SessionInfo {
  id: string;
  stage: SessionStage;
  /** Last fresh password or TOTP entry, for step-up checks. */
  steppedUpAt: Date | null;
}

/**
 * Who is acting on a request, resolved from the session cookie by the identity module.
 * `id` is always the account id (what the audit trail records). A patient actor's clinical
 * record is `patientId`. `session` is absent for actors built outside a request (jobs, tests).
 */
export type Actor =
  | { type: 'anonymous' }
  | { type: 'system'; job: string }
  | {
      type: 'user';
      id: string;
      organizationId: string;
      roles: string[];
      /** Locations the account is limited to; empty means every location of the organization. */
      locationIds?: string[];
      /** The providers row a clinician account acts as. */
      providerId?: string | null;
      session?: SessionInfo;
    }
  | {
      type: 'patient';
      id: string;
      organizationId: string;
      patientId?: string;
      session?: SessionInfo;
    };

export type AccountActor = Extract<Actor, { type: 'user' | 'patient' }>;

export const anonymous: Actor = Object.freeze({ type: 'anonymous' });

export function actorId(actor: Actor): string | null {
  if (actor.type === 'anonymous') return null;
  if (actor.type === 'system') return actor.job;
  return actor.id;
}
