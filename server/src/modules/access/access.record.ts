import { schedulingRoles, type Actor } from '../../platform/http/actor.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/http/errors.ts';

/**
 * Record-level checks a service makes before it loads a record. Each answers 404 when the actor
 * may not know the record exists, so "missing" and "not yours" look the same.
 */

/** The organization the actor acts in; other organizations' records do not exist for it. */
export function requireOrganization(actor: Actor, organizationId: string): void {
  if (!('organizationId' in actor) || actor.organizationId !== organizationId) throw new NotFound();
}

/** A patient may reach only their own record; workforce in the same organization may reach any. */
export function requireOwnPatient(actor: Actor, organizationId: string, patientId: string): void {
  requireOrganization(actor, organizationId);
  if (actor.type === 'patient' && actor.patientId !== patientId) throw new NotFound();
}

export { schedulingRoles };
/** Scheduling roles that act on every provider's schedule, not only their own. */
export const everySchedule: readonly string[] = ['front_desk', 'manager', 'admin'];

type Workforce = Extract<Actor, { type: 'user' }>;

/**
 * What the account itself limits a workforce actor to: its locations (null: every one) and, for
 * a clinician without a role that runs every schedule, its own provider (null: every provider; a
 * clinician without a provider reaches none). Stores filter by it, so "not yours" reads as
 * "missing".
 */
export interface StaffScope {
  locationIds: readonly string[] | null;
  providerIds: readonly string[] | null;
}

export const unlimited: StaffScope = Object.freeze({ locationIds: null, providerIds: null });

export function staffScope(actor: Workforce): StaffScope {
  const locations = actor.locationIds ?? [];
  const locationIds = locations.length > 0 ? locations : null;
  const ownOnly =
    actor.roles.includes('clinician') && !actor.roles.some((r) => everySchedule.includes(r));
  const providerIds = ownOnly ? (actor.providerId ? [actor.providerId] : []) : null;
  return { locationIds, providerIds };
}

export function isUnlimited(scope: StaffScope): boolean {
  return scope.locationIds === null && scope.providerIds === null;
}

/** A place on a schedule (an appointment's, or a new one's) inside the scope, else 404. */
export function requireInScope(
  scope: StaffScope,
  at: { locationId: string; providerId: string },
): void {
  if (scope.locationIds && !scope.locationIds.includes(at.locationId)) throw new NotFound();
  if (scope.providerIds && !scope.providerIds.includes(at.providerId)) throw new NotFound();
}

/** Workforce limited to some locations reach only records at those. */
export function requireLocation(actor: Actor, organizationId: string, locationId: string): void {
  requireOrganization(actor, organizationId);
  if (actor.type !== 'user') throw new NotFound();
  const scope = actor.locationIds ?? [];
  if (scope.length > 0 && !scope.includes(locationId)) throw new NotFound();
}

/**
 * A guest reaches only the appointments of its session (`appointmentId`), and holds new ones only
 * in a booking session (no `appointmentId`). Other actors pass.
 */
export function requireGuestAppointment(actor: Actor, appointmentId: string | undefined): void {
  if (actor.type !== 'patient' || !actor.guest) return;
  if (appointmentId === undefined) {
    if (actor.guest.scope !== 'booking') throw new Forbidden();
    return;
  }
  if (!actor.guest.appointmentIds.includes(appointmentId)) throw new NotFound();
}

/**
 * A guest fills in only the intake form of a visit it booked: a form keyed by the appointment
 * type of one of its appointments (the key intake's prerequisites use). Other actors pass.
 */
export function requireGuestForm(actor: Actor, appointmentType: string): void {
  if (actor.type !== 'patient' || !actor.guest) return;
  if (!actor.guest.appointmentTypeIds.includes(appointmentType)) throw new NotFound();
}

/** How long a fresh password or TOTP entry unlocks sensitive actions. */
export const stepUpWindowMs = 5 * 60_000;

export class StepUpRequired extends DomainError {
  constructor() {
    super(
      403,
      'step-up-required',
      'Confirm it is you',
      'This action needs your password or an authenticator code from the last 5 minutes. Confirm and try again.',
    );
  }
}

/**
 * Sensitive actions (revealing full identifiers, exports, MFA changes, role changes) need a fresh
 * password or TOTP entry within the last 5 minutes.
 */
export function requireStepUp(actor: Actor, now: Date): void {
  if (!isSteppedUp(actor, now)) throw new StepUpRequired();
}

/** Whether the actor entered a password or TOTP within the step-up window before `now`. */
export function isSteppedUp(actor: Actor, now: Date): boolean {
  if (actor.type !== 'user' && actor.type !== 'patient') return false;
  const at = actor.session?.steppedUpAt;
  return !!at && at <= now && now.getTime() - at.getTime() <= stepUpWindowMs;
}
