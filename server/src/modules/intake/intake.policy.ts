import type { Actor } from '../../platform/http/actor.ts';
import { deny, publicAccess } from '../access/access.policy.ts';

// Route policies: placeholders until the identity module provides accounts and relationships.
export const defineFormAccess = deny;
export const draftAccess = deny;
export const submitAccess = deny;
export const readSubmissionsAccess = deny;
/** Form definitions hold no PHI: anyone booking may read the questions. */
export const readFormAccess = publicAccess;

export const roles = (actor: Actor) => (actor.type === 'user' ? actor.roles : []);

export function mayDefineForms(actor: Actor) {
  return roles(actor).includes('admin');
}

/** The patient, or front desk filling the form in with them. */
export function mayFillIn(actor: Actor, patientId: string) {
  if (actor.type === 'patient') return actor.id === patientId;
  return roles(actor).includes('front_desk');
}

/**
 * Whether a clinician treats this patient. Booking owns that relationship; until it lands the
 * answer is no, so clinicians see no answers yet (deny by default).
 */
export type TreatsPatient = (actor: Actor, patientId: string) => Promise<boolean>;
export const noTreatmentRelationshipYet: TreatsPatient = async () => false;
