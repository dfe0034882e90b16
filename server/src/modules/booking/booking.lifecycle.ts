import type { Actor } from '../../platform/http/actor.ts';
import { actorId } from '../../platform/http/actor.ts';
import { Conflict, DomainError, NotFound } from '../../platform/http/errors.ts';
import { requireInScope } from '../access/access.record.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import { checkSlot, nearestAlternatives, SlotTaken } from './booking.rules.ts';
import { cancelInput, rescheduleInput, type Appointment } from './booking.schema.ts';
import { audit, getAppointment, load, who, type BookingDeps, type Who } from './booking.service.ts';
import { insert } from './booking.insert.ts';
import { currentStatus, InvalidTransition, next, type Transition } from './booking.state.ts';
import * as store from './booking.store.ts';
import { findForActor } from './booking.proxy.ts';
import { changeOf } from './booking.changes.ts';
import { visitPolicyOf } from './booking.visit-policy.ts';
import { guardVisit } from './booking.visit-window.ts';

/** Changes to an existing appointment: confirm, cancel, check in, no-show, complete, reschedule. */

export class PreconditionFailed extends DomainError {
  constructor() {
    super(
      412,
      'precondition-failed',
      'The appointment changed meanwhile',
      'Someone changed this appointment after you loaded it. Reload it and try again.',
    );
  }
}

export class CutoffPassed extends Conflict {
  constructor(hours: number, staff: boolean) {
    super(
      'cutoff-passed',
      'Too close to the appointment',
      staff
        ? `Changes within ${hours} h of the visit need an override reason.`
        : `Changes within ${hours} h of the visit must be made by calling the clinic.`,
      { cutoffHours: hours },
    );
  }
}

/**
 * The last instant a patient may still change the appointment themselves (`hours` before it
 * starts), or null for a hold: a hold is not yet an appointment, so cut-offs guard booked visits.
 */
export function cutoffAt(
  row: Pick<store.AppointmentRow, 'status' | 'starts_at'>,
  hours: number,
): number | null {
  return row.status === 'held' ? null : row.starts_at.getTime() - hours * 3_600_000;
}

/** Whether `now` is past the cut-off (at the cut-off instant itself, changes are still allowed). */
export function cutoffPassed(
  row: Pick<store.AppointmentRow, 'status' | 'starts_at'>,
  now: number,
  hours: number,
) {
  const at = cutoffAt(row, hours);
  return at !== null && now > at;
}

function enforceCutoff(w: Who, hours: number, passed: boolean, overrideReason: string | undefined) {
  if (!passed) return;
  if (w.kind === 'patient') throw new CutoffPassed(hours, false);
  if (!overrideReason) throw new CutoffPassed(hours, true);
}

/** Changes only staff make; a patient also checks in ("I'm here"), within the desk's window. */
const RUN_VISIT: ReadonlySet<Transition> = new Set(['noShow', 'complete']);
const VISIT_ACTIONS: ReadonlySet<Transition> = new Set(['checkIn', 'noShow', 'complete']);

/**
 * A state change on an existing appointment: confirm, cancel, check in, no-show, complete. An
 * invalid transition is a 409 naming the current state; check-in, no-show and completion also
 * follow the clinic's day (booking.visit-window.ts: 409 saying when it becomes possible); with
 * `expectedVersion` (If-Match), a changed appointment is a 412.
 */
export async function transition(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
  action: Exclude<Transition, 'reschedule'>,
  opts: { body?: unknown; expectedVersion?: number | undefined } = {},
): Promise<Appointment> {
  // No-show and completion are the staff's (the access table's `appointment:run-visit`).
  const w = who(
    actor,
    organizationId,
    id,
    RUN_VISIT.has(action) ? 'appointment:run-visit' : 'appointment:change',
  );
  const body = action === 'cancel' ? parseInput(cancelInput, opts.body ?? {}) : undefined;
  const now = deps.now();
  const row = await deps.db.transaction(async (tx) => {
    const row = await findForActor(deps, tx, actor, w, organizationId, id, true);
    if (!row) throw new NotFound();
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new PreconditionFailed();
    }
    const current = currentStatus(row, now);
    if (current === 'expired') throw new InvalidTransition('expired', action);
    const to = next(current, action);
    if (VISIT_ACTIONS.has(action)) {
      const timing = {
        modality: row.modality,
        status: current,
        start: row.starts_at,
        end: row.ends_at,
      };
      guardVisit(action, current, timing, now, await visitPolicyOf(tx, organizationId));
    }
    if (action === 'cancel') {
      const type = await getAppointmentType(tx, organizationId, row.appointment_type_id);
      const passed = cutoffPassed(row, now, type.cancelCutoffHours);
      enforceCutoff(w, type.cancelCutoffHours, passed, body?.overrideReason);
    }
    await store.setStatus(tx, id, to, {
      ...(body ? { cancelReason: body.reasonCode, cancelledBy: actor.type } : {}),
    });
    if (to === 'cancelled') await store.releaseResources(tx, [id]);
    await store.insertEvent(tx, {
      appointmentId: id,
      actorType: actor.type,
      actorId: actorId(actor),
      from: current,
      to,
      reasonCode: body?.reasonCode ?? null,
      overrideReason: body?.overrideReason ?? null,
    });
    await audit(tx, actor, `booking.${to}`, { id, organizationId, patientId: row.patient_id });
    await deps.onStatusChanged?.(tx, changeOf(row, current, to, body?.reasonCode ?? null), actor);
    return row;
  });
  deps.onChange?.(organizationId, [row.provider_id]);
  const view = await getAppointment(actor, deps, organizationId, id);
  if (action === 'confirm') confirmed(deps, organizationId, view, actor);
  return view;
}

/** Tells the notifications seam (after commit) that an appointment became `booked`. */
function confirmed(deps: BookingDeps, organizationId: string, view: Appointment, actor: Actor) {
  deps.onConfirmed?.({ ...view, organizationId }, actor);
}

/**
 * Moves an appointment: the new booking and the old one's cancellation (reason `rescheduled`)
 * commit in one transaction, so a taken new time leaves the old appointment as it was.
 */
export async function reschedule(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
  rawInput: unknown,
  opts: { expectedVersion?: number | undefined } = {},
): Promise<Appointment> {
  const input = parseInput(rescheduleInput, rawInput);
  const w = who(actor, organizationId, id, 'appointment:change');
  const old = await load(deps, actor, organizationId, id);
  const now = deps.now();
  next(currentStatus(old, now), 'reschedule');
  const type = await getAppointmentType(deps.db, organizationId, old.appointment_type_id);
  enforceCutoff(
    w,
    type.rescheduleCutoffHours,
    cutoffPassed(old, now, type.rescheduleCutoffHours),
    input.overrideReason,
  );
  const target = {
    organizationId,
    appointmentTypeId: old.appointment_type_id,
    providerId: input.providerId ?? old.provider_id,
    locationId: input.locationId ?? old.location_id,
    patientId: old.patient_id!,
    modality: input.modality ?? old.modality,
  };
  // The new time, too, must be where the staff member's account reaches.
  if (w.kind === 'staff') requireInScope(w.scope, target);
  const slotQuery = { type, ...target, start: Date.parse(input.start), now };
  try {
    const slot = await checkSlot(deps.db, {
      ...slotQuery,
      overbook: false,
      excludeAppointmentId: id,
    });
    const newId = await deps.db.transaction(async (tx) => {
      const locked = await store.findAppointment(tx, organizationId, id, {}, true);
      if (!locked || locked.status !== old.status)
        throw new InvalidTransition(locked?.status ?? 'cancelled', 'reschedule');
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== locked.version)
        throw new PreconditionFailed();
      await store.setStatus(tx, id, 'cancelled', {
        cancelReason: 'rescheduled',
        cancelledBy: actor.type,
      });
      await store.releaseResources(tx, [id]);
      const status = old.status === 'held' ? 'held' : 'booked';
      const { id: newId } = await insert(
        tx,
        deps,
        target,
        slot,
        status,
        id,
        { actorType: actor.type, actorId: actorId(actor), reasonCode: 'rescheduled' },
        { actor, action: `booking.${status}` },
      );
      const base = {
        actorType: actor.type,
        actorId: actorId(actor),
        overrideReason: input.overrideReason ?? null,
      };
      await store.insertEvent(tx, {
        ...base,
        appointmentId: id,
        from: old.status,
        to: 'cancelled',
        reasonCode: 'rescheduled',
      });
      await audit(tx, actor, 'booking.cancelled', {
        id,
        organizationId,
        patientId: old.patient_id,
      });
      await deps.onStatusChanged?.(
        tx,
        changeOf(locked, old.status, 'cancelled', 'rescheduled'),
        actor,
      );
      return newId;
    });
    deps.onChange?.(organizationId, [old.provider_id, target.providerId]);
    const view = await getAppointment(actor, deps, organizationId, newId);
    if (view.status === 'booked') confirmed(deps, organizationId, view, actor);
    return view;
  } catch (err) {
    if (!(err instanceof SlotTaken)) throw err;
    throw new SlotTaken(await nearestAlternatives(deps.db, slotQuery));
  }
}

/** The sweeper's work: every hold past its expiry becomes `expired`, audited as the system. */
export async function sweepExpiredHolds(deps: BookingDeps): Promise<number> {
  const system: Actor = { type: 'system', job: 'booking.sweep-holds' };
  const expired = await deps.db.transaction(async (tx) => {
    const holds = await store.expireAllHolds(tx, new Date(deps.now()));
    for (const hold of holds) {
      await store.insertEvent(tx, {
        appointmentId: hold.id,
        actorType: 'system',
        actorId: system.job,
        from: 'held',
        to: 'expired',
      });
      // The hold's clinic and patient, so their searches and accountings see the expiry.
      await audit(tx, system, 'booking.expired', {
        id: hold.id,
        organizationId: hold.organization_id,
        patientId: hold.patient_id,
      });
    }
    // A patient's hold that ran out frees its time (the waitlist offers it again).
    const freed = holds.filter((x) => x.patient_id !== null);
    if (freed.length > 0) await deps.onHoldsExpired?.(tx, freed);
    return holds;
  });
  return expired.length;
}
