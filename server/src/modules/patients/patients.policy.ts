import type { Actor } from '../../platform/http/actor.ts';
import { deny } from '../access/access.policy.ts';

// Route policies. Accounts, roles and sessions arrive with the identity module; until then every
// patient route denies, and the services below carry the real rules (tested directly).
export const registerPatientAccess = deny;
export const readPatientAccess = deny;
export const lookupPatientAccess = deny;
export const revealIdentifierAccess = deny;
export const patientSummaryAccess = deny;
export const exportOwnRecordAccess = deny;
export const proxyAccess = deny;
export const preferencesAccess = deny;

/** Roles that may register a patient at the clinic (they also see the patient they register). */
const registrars = ['front_desk', 'clinician'];

export function staffRoles(actor: Actor): string[] {
  return actor.type === 'user' ? actor.roles : [];
}

export function mayRegister(actor: Actor): boolean {
  return staffRoles(actor).some((r) => registrars.includes(r));
}

/** Staff who look patients up by identifier (front desk, clinicians). */
export function mayLookUp(actor: Actor): boolean {
  return staffRoles(actor).some((r) => r === 'front_desk' || r === 'clinician');
}

export function mayReadAggregates(actor: Actor): boolean {
  return staffRoles(actor).some(
    (r) => r === 'manager' || r === 'admin' || r === 'compliance_officer',
  );
}

/** The organization an actor acts in; null for anonymous and system actors. */
export function organizationOf(actor: Actor): string | null {
  return actor.type === 'user' || actor.type === 'patient' ? actor.organizationId : null;
}

/** A patient reaches only their own record (proxies arrive with consents). */
export function mayReachRecord(actor: Actor, patientId: string): boolean {
  if (actor.type === 'patient') return actor.id === patientId;
  return actor.type === 'user';
}

/** Step-up lasts this long after the identity module confirms it. */
export const stepUpWindowMs = 5 * 60 * 1000;

/** An actor as the identity module will hand it over: when step-up was last confirmed. */
export type SteppedUpActor = Actor & { steppedUpAt?: Date };

export function isSteppedUp(actor: SteppedUpActor, now: Date): boolean {
  const at = actor.steppedUpAt;
  return at !== undefined && now.getTime() - at.getTime() <= stepUpWindowMs && at <= now;
}
