import type { Actor } from '../../platform/http/actor.ts';
import { anyOf, patient, workforce } from '../access/access.policy.ts';

// Route policies: who may reach a patient route at all. The services then check each record
// before loading it (a patient reaches only their own; staff their organization's) and project
// what each role sees. Admins manage accounts, not patients.
const registrarsPolicy = workforce('front_desk', 'clinician');
export const registerPatientAccess = registrarsPolicy;
export const readPatientAccess = anyOf(patient, registrarsPolicy);
export const lookupPatientAccess = registrarsPolicy;
// Compliance officers search too: to answer a patient's request for an accounting of
// disclosures they must find the record the request names. They see the compliance projection
// (the opaque id, when registered, the birth date masked): which record matched and how, never
// a name or contact detail; they already hold the identifiers the request gave them.
export const searchPatientAccess = workforce('front_desk', 'clinician', 'compliance_officer');
export const revealIdentifierAccess = anyOf(patient, registrarsPolicy);
export const patientSummaryAccess = workforce('manager', 'admin', 'compliance_officer');
export const exportOwnRecordAccess = patient;
export const proxyAccess = anyOf(patient, workforce('front_desk', 'clinician', 'admin'));
export const preferencesAccess = anyOf(patient, registrarsPolicy);
export const emergencyAccessPolicy = workforce('clinician');

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

/** Staff who search: those who look up, and compliance officers (accounting of disclosures). */
export function maySearch(actor: Actor): boolean {
  return mayLookUp(actor) || staffRoles(actor).includes('compliance_officer');
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
  if (actor.type === 'patient') return actor.patientId === patientId;
  return actor.type === 'user';
}

/** Step-up lasts this long after the identity module confirms it. */
export const stepUpWindowMs = 5 * 60 * 1000;

/** An actor whose session records when step-up was last confirmed (the identity module). */
export type SteppedUpActor = Actor;

export function isSteppedUp(actor: SteppedUpActor, now: Date): boolean {
  const at = actor.type === 'user' || actor.type === 'patient' ? actor.session?.steppedUpAt : null;
  return !!at && now.getTime() - at.getTime() <= stepUpWindowMs && at <= now;
}
