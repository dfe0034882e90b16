import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { NotFound } from '../../platform/http/errors.ts';
import type { BookingDeps, Who } from './booking.service.ts';
import * as store from './booking.store.ts';

/**
 * Proxy booking: a patient account acts for its own record and for the patients a consent in
 * force covers (`BookingDeps.actsFor`, the patients module's answer). Anything else reads as
 * missing (404), so an account cannot tell another patient's record or visit from none.
 */

/** Whether the actor may act for `patientId`: its own record, or a dependant's. Guests: own only. */
export async function mayActFor(
  deps: BookingDeps,
  db: Queryable,
  actor: Actor,
  w: Who,
  organizationId: string,
  patientId: string,
): Promise<boolean> {
  if (w.kind !== 'patient') return true;
  if (patientId === w.patientId) return true;
  if (actor.type !== 'patient' || actor.guest || !deps.actsFor) return false;
  return deps.actsFor(db, organizationId, actor.id, patientId, new Date(deps.now()));
}

/** `patientId` when the actor may act for it, else 404. */
export async function requireActingFor(
  deps: BookingDeps,
  db: Queryable,
  actor: Actor,
  w: Who,
  organizationId: string,
  patientId: string,
): Promise<void> {
  if (!(await mayActFor(deps, db, actor, w, organizationId, patientId))) throw new NotFound();
}

/**
 * An appointment as a patient actor may reach it: its own first (the common case, one read);
 * else, for an account with dependants, the appointment when a consent covers its patient.
 */
export async function findForActor(
  deps: BookingDeps,
  db: Queryable,
  actor: Actor,
  w: Who,
  organizationId: string,
  id: string,
  forUpdate = false,
): Promise<store.AppointmentRow | undefined> {
  const reach = w.kind === 'patient' ? { patientId: w.patientId } : { scope: w.scope };
  const row = await store.findAppointment(db, organizationId, id, reach, forUpdate);
  if (row || w.kind !== 'patient' || actor.type !== 'patient' || actor.guest || !deps.actsFor) {
    return row;
  }
  const other = await store.findAppointment(db, organizationId, id, {}, forUpdate);
  if (!other?.patient_id) return undefined;
  return (await mayActFor(deps, db, actor, w, organizationId, other.patient_id))
    ? other
    : undefined;
}
