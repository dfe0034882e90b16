/** The workforce roles. A workforce account holds one or more. */
export const workforceRoles = [
  'front_desk',
  'clinician',
  'manager',
  'admin',
  'compliance_officer',
] as const;
export type WorkforceRole = (typeof workforceRoles)[number];

/** The roles that run schedules: book, change and see appointments (policies and services). */
export const schedulingRoles = [
  'front_desk',
  'clinician',
  'manager',
  'admin',
] as const satisfies readonly WorkforceRole[];

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
 * A guest: a patient without an account, who proved an email with a one-time code (identity's
 * guest sessions). `booking`: may hold and confirm visits for its own record; `visit`: opened
 * from a visit link, reaches that one appointment. Either reaches only `appointmentIds` (what the
 * session booked or the link names), and the intake form of their visit types.
 */
export interface GuestScope {
  scope: 'booking' | 'visit';
  appointmentIds: string[];
  appointmentTypeIds: string[];
}

/**
 * Who is acting on a request, resolved from the session cookie by the identity module.
 * `id` is the account id (what the audit trail records); for a guest, the guest session's id.
 * A patient actor's clinical record is `patientId`. `session` is absent for actors built outside
 * a request (jobs, tests). A patient actor with `guest` is a guest session, not an account: the
 * `patient` policy does not admit it.
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
      /**
       * An integration client (SMART Backend Services, role `integration`): the system scopes its
       * bearer token was granted (`system/Appointment.rs`). The access table reads them.
       */
      smartScopes?: readonly string[];
    }
  | {
      type: 'patient';
      id: string;
      organizationId: string;
      patientId?: string;
      session?: SessionInfo;
      guest?: GuestScope;
    };

export type AccountActor = Extract<Actor, { type: 'user' | 'patient' }>;

export const anonymous: Actor = Object.freeze({ type: 'anonymous' });

export function actorId(actor: Actor): string | null {
  if (actor.type === 'anonymous') return null;
  if (actor.type === 'system') return actor.job;
  return actor.id;
}
