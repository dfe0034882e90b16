import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import * as store from './booking.store.ts';

// What other modules ask booking about a patient (the access table's Relations, wired in app.ts).

/**
 * The treatment relationship other modules ask about (intake answers, documents): a clinician
 * treats a patient who has a booked, current or past visit on the clinician's own schedule.
 */
export async function clinicianTreats(
  db: Queryable,
  actor: Actor,
  patientId: string,
): Promise<boolean> {
  if (actor.type !== 'user' || !actor.providerId || !actor.roles.includes('clinician')) {
    return false;
  }
  return store.providerHasVisitWith(db, actor.organizationId, actor.providerId, patientId);
}

/**
 * For the access table (app.ts): whether the patient has an appointment (any status) at one of
 * the locations, or none at all yet.
 */
export function patientAtLocations(
  db: Queryable,
  organizationId: string,
  patientId: string,
  locationIds: readonly string[],
): Promise<boolean> {
  return store.patientAtLocations(db, organizationId, patientId, locationIds);
}
