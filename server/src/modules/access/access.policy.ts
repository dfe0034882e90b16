import type { FastifyRequest } from 'fastify';
import {
  schedulingRoles,
  type AccountActor,
  type Actor,
  type WorkforceRole,
} from '../../platform/http/actor.ts';
import type { Policy } from '../../platform/http/route.ts';

/**
 * The route-level policy vocabulary. A route names one policy; every module composes its own
 * `<module>.policy.ts` from these. Deny is the default: an account whose session is not complete
 * (MFA owed or not enrolled) matches none of them except `anySession`.
 *
 * Record-level rules (own record, provider's own schedule, location scope) are checked in the
 * service, before the record is loaded, with the helpers in access.record.ts.
 */
function policy(name: string, allows: (actor: Actor) => boolean): Policy {
  return Object.freeze({ name, allows: (req: FastifyRequest) => allows(req.actor) });
}

/** A fully signed-in account (password and, where required, a second factor). Not a guest. */
export function isSignedIn(actor: Actor): actor is AccountActor {
  return (
    (actor.type === 'user' || (actor.type === 'patient' && actor.guest === undefined)) &&
    (actor.session === undefined || actor.session.stage === 'full')
  );
}

/** A guest session (identity's guest booking or visit link): a patient actor without an account. */
export function isGuest(actor: Actor): boolean {
  return actor.type === 'patient' && actor.guest !== undefined;
}

/** Anyone, signed in or not: public directory data, health checks, the web app itself. */
export const publicAccess: Policy = Object.freeze({ name: 'public', allows: () => true });

/** No one. The default for anything whose policy does not exist yet. */
export const deny: Policy = Object.freeze({ name: 'deny', allows: () => false });

/** Any fully signed-in account, workforce or patient. */
export const signedIn: Policy = policy('signedIn', isSignedIn);

/** Any account with a session, including one that still owes MFA or enrollment. Not a guest. */
export const anySession: Policy = policy(
  'anySession',
  (a) => a.type === 'user' || (a.type === 'patient' && a.guest === undefined),
);

/**
 * A guest session: booking with an emailed code, or opened from a visit link. Admitted only where
 * a route names it: the booking routes and the intake form of the visit (what each guest reaches
 * is checked in the service, access.record.ts `requireGuestAppointment`, `requireGuestForm`).
 */
export const guest: Policy = policy('guest', isGuest);

/** Workforce accounts holding at least one of the roles; any workforce account when none given. */
export function workforce(...roles: WorkforceRole[]): Policy {
  return policy(
    roles.length ? `workforce(${roles.join(',')})` : 'workforce',
    (a) =>
      isSignedIn(a) &&
      a.type === 'user' &&
      (roles.length === 0 || a.roles.some((r) => (roles as string[]).includes(r))),
  );
}

/** The workforce that runs schedules (front desk, clinicians, managers, admins). */
export const schedulingStaff: Policy = workforce(...schedulingRoles);

/** Patients acting for themselves. Which record is theirs is checked in the service. No guests. */
export const patient: Policy = policy('patient', (a) => isSignedIn(a) && a.type === 'patient');

/** A patient account or a guest: the booking flow (hold, confirm, the visit's intake form). */
export const patientOrGuest: Policy = policy(
  'patientOrGuest',
  (a) => (isSignedIn(a) && a.type === 'patient') || isGuest(a),
);

/** Allowed when any of the policies allows. */
export function anyOf(...policies: Policy[]): Policy {
  return Object.freeze({
    name: policies.map((p) => p.name).join(' | '),
    async allows(req: FastifyRequest) {
      for (const p of policies) if (await p.allows(req)) return true;
      return false;
    },
  });
}
