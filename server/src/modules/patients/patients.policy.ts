import type { Actor } from '../../platform/http/actor.ts';
import { anyOf, patient, workforce } from '../access/access.policy.ts';

// Route policies: who may reach a patient route at all. The services then check each record in
// the access table (access.table.ts) before loading it, and project what each role sees. Admins manage accounts, not patients.
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

/** The organization an actor acts in; null for anonymous and system actors. */
export function organizationOf(actor: Actor): string | null {
  return actor.type === 'user' || actor.type === 'patient' ? actor.organizationId : null;
}
