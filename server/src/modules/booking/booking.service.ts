import type { Db, Queryable } from '../../platform/db/db.ts';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { requireInScope, requireOrganization } from '../access/access.record.ts';
import {
  appointmentAccess,
  type AppointmentPermission,
  type AppointmentReach,
} from '../access/access.table.ts';
import { createAudit } from '../audit/audit.service.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { getAppointmentType, type AppointmentType } from '../directory/directory.rules-service.ts';
import { checkedKey, firstAnswer, requestDigest } from './booking.idempotency.ts';
import { checkEligibility, type PrerequisiteChecks } from './booking.eligibility.ts';
import {
  AlreadyHeld,
  checkSlot,
  nearestAlternatives,
  SlotTaken,
  type CheckedSlot,
} from './booking.rules.ts';
import { holdInput, type Appointment, type HoldInput } from './booking.schema.ts';
import type { StatusChangeListener } from './booking.changes.ts';
import { insert } from './booking.insert.ts';
import { findForActor, requireActingFor } from './booking.proxy.ts';
import * as idempotencyStore from './booking.idempotency-store.ts';
import * as store from './booking.store.ts';
import { toView } from './booking.view.ts';

export { SlotTaken };

export interface BookingDeps {
  db: Db;
  holdMinutes: number;
  /** The organization's video provider, e.g. https://video.example/{room}; {room} is replaced. */
  videoUrlTemplate?: string | undefined;
  /** The app's clock (epoch ms): hold expiry, cut-offs, the sweeper and the checks read it. */
  now: () => number;
  /** Told about every change so cached availability for these providers is dropped. */
  onChange?: (organizationId: string, providerIds: string[]) => void;
  prerequisites?: PrerequisiteChecks;
  /** For bench/audit.bench.ts only, to measure what auditing costs; the app never sets it. */
  skipAuditForBenchmark?: boolean;
  /**
   * Told inside the transaction that creates an appointment (hold, staff booking, reschedule),
   * with the actor that created it: identity's guest sessions remember theirs (app.ts).
   */
  onAppointmentCreated?: (
    tx: Queryable,
    appointment: { id: string; appointmentTypeId: string },
    actor: Actor,
  ) => Promise<void>;
  /**
   * The notifications seam: told after commit about every appointment that became `booked`
   * (confirm, staff booking, reschedule) and who did it. Must not throw (the change stands).
   * Today it mails a guest its visit link (identity); the notifications issue will send every
   * confirmation through it.
   */
  onConfirmed?: (appointment: Appointment & { organizationId: string }, actor: Actor) => void;
  /**
   * Told inside the transaction of every status change a person makes (booking, confirm, cancel,
   * check-in, no-show, complete, both halves of a reschedule): notifications plan and cancel
   * their messages there (booking.changes.ts).
   */
  onStatusChanged?: StatusChangeListener;
  /**
   * Told inside the sweeper's transaction about patients' holds that ran out (the waitlist queues
   * their times for offers). Offer holds without a patient are the waitlist's own and not told.
   */
  onHoldsExpired?: (tx: Queryable, holds: store.ExpiredHold[]) => Promise<void>;
  /**
   * Proxy booking (booking.proxy.ts): whether a consent in force lets the account act for the
   * patient (the patients module's answer). Without it, accounts act for their own record only.
   */
  actsFor?: (
    db: Queryable,
    organizationId: string,
    accountId: string,
    patientId: string,
    at: Date,
  ) => Promise<boolean>;
}

/** Whom the access table let act on appointments: the patient's own, or a staff scope. */
export type Who = AppointmentReach;

/**
 * The access table's check for an appointment (`id`), or for a new one in the organization (no
 * `id`), made before anything is loaded (access.table.ts).
 */
export function who(
  actor: Actor,
  organizationId: string,
  appointmentId?: string,
  permission: Exclude<AppointmentPermission, 'appointment:create'> = 'appointment:read',
): Who {
  if (appointmentId === undefined) {
    return appointmentAccess(actor, 'appointment:create', organizationId);
  }
  if (actor.type !== 'system') requireOrganization(actor, organizationId);
  return appointmentAccess(actor, permission, appointmentId);
}

/** What a store read of an appointment is filtered by for this actor. */
export function reachOf(w: Who): store.Reach {
  return w.kind === 'patient' ? { patientId: w.patientId } : { scope: w.scope };
}

export async function audit(
  tx: Queryable,
  actor: Actor,
  action: string,
  row: { id: string; organizationId: string | null; patientId: string | null },
) {
  await createAudit(tx).record(
    {
      actor,
      action,
      resourceType: 'appointment',
      resourceId: row.id,
      patientId: row.patientId,
      organizationId: row.organizationId,
      outcome: 'success',
    },
    tx,
  );
}

export async function load(deps: BookingDeps, actor: Actor, organizationId: string, id: string) {
  const w = who(actor, organizationId, id);
  const row = await findForActor(deps, deps.db, actor, w, organizationId, id);
  if (!row) throw new NotFound();
  return row;
}

/** One appointment as the actor may see it. */
export async function getAppointment(
  actor: Actor,
  deps: BookingDeps,
  organizationId: string,
  id: string,
) {
  return toView(await load(deps, actor, organizationId, id), actor, deps);
}

/**
 * Holds a slot for a patient (or, for staff with `confirm`, books it outright). The database's
 * exclusion constraint decides; a taken slot is a 409 `slot-taken` with the nearest alternatives,
 * or `already-held` naming the patient's own hold in the way. With an idempotency key, a retried
 * request returns the first result; the key with another request is a 422.
 */
export async function hold(
  actor: Actor,
  deps: BookingDeps,
  rawInput: unknown,
  opts: { idempotencyKey?: string | undefined } = {},
): Promise<Appointment> {
  const input: HoldInput = parseInput(holdInput, rawInput);
  const w = who(actor, input.organizationId);
  if (w.kind === 'patient' && (input.confirm || input.overbookReason || input.resourceIds)) {
    throw new Forbidden('Patients hold times; staff confirm, overbook and choose rooms.');
  }
  // Staff book only where their account reaches: their locations, a clinician their own schedule.
  if (w.kind === 'staff') requireInScope(w.scope, input);
  // Their own record, or a dependant's their consent covers; any other patient looks missing.
  await requireActingFor(deps, deps.db, actor, w, input.organizationId, input.patientId);
  const key = checkedKey(opts.idempotencyKey);
  const keyOwner = actorId(actor) ?? 'anonymous';
  // Only a keyed request needs its digest (the booking's hot path has no key).
  const digest = key ? requestDigest(input) : '';
  /** With a key: the first answer to this same request, if it was sent before. */
  const replay = async () => {
    const first = key && (await firstAnswer(deps.db, input.organizationId, keyOwner, key, digest));
    return first ? getAppointment(actor, deps, input.organizationId, first) : undefined;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const now = deps.now();
  const slotQuery = {
    organizationId: input.organizationId,
    appointmentTypeId: input.appointmentTypeId,
    providerId: input.providerId,
    locationId: input.locationId,
    modality: input.modality,
    start: Date.parse(input.start),
    now,
    resourceIds: input.resourceIds,
  };
  const check = (db: Queryable) =>
    checkSlot(db, { ...slotQuery, overbook: Boolean(input.overbookReason) });
  const eligible = (db: Queryable, slot: CheckedSlot, checks: PrerequisiteChecks) =>
    checkEligibility(
      db,
      {
        organizationId: input.organizationId,
        type: slot.type,
        patientId: input.patientId,
        start: slot.start,
      },
      checks,
    );
  const status = input.confirm ? 'booked' : 'held';
  let type: AppointmentType | undefined;
  /** The booking transaction; without a checked slot it checks first, on its own connection. */
  const book = async (tx: Queryable, checked?: CheckedSlot) => {
    let slot = checked;
    if (!slot) {
      slot = await check(tx);
      type = slot.type;
      if (asksOtherModules(slot.type)) throw new AskOtherModulesFirst();
      await eligible(tx, slot, {});
    }
    const event = {
      actorType: actor.type,
      actorId: actorId(actor),
      reasonCode: input.overbookReason ? `overbook:${input.overbookReason}` : null,
    };
    const row = await insert(tx, deps, input, slot, status, null, event, {
      actor,
      action: `booking.${status}`,
      skip: deps.skipAuditForBenchmark,
    });
    if (key)
      await idempotencyStore.saveIdempotent(
        tx,
        input.organizationId,
        keyOwner,
        key,
        row.id,
        digest,
      );
    return row;
  };
  try {
    let row: store.AppointmentRow;
    try {
      // The checks and the booking on one connection, in one transaction: the checks' statement
      // runs its cached plan (planning it cost more than running it).
      row = await deps.db.transaction((tx) => book(tx), { genericPlans: true });
    } catch (err) {
      if (!(err instanceof AskOtherModulesFirst)) throw err;
      // Age, intake and referral are answered by other modules through their own connections:
      // ask them before the transaction, never while holding one.
      const slot = await check(deps.db);
      type = slot.type;
      await eligible(deps.db, slot, deps.prerequisites ?? {});
      row = await deps.db.transaction((tx) => book(tx, slot));
    }
    deps.onChange?.(input.organizationId, [input.providerId]);
    const view = toView(row, actor, deps);
    if (status === 'booked')
      deps.onConfirmed?.({ ...view, organizationId: input.organizationId }, actor);
    return view;
  } catch (err) {
    // A concurrent request with the same key committed first (its key row refused ours, or it
    // took the slot): the same request gets its answer, another request a 422.
    const keyTaken = key !== undefined && (err as { code?: string }).code === '23505';
    if (!(err instanceof SlotTaken) && !keyTaken) throw err;
    const raced = await replay();
    if (raced) return raced;
    if (!(err instanceof SlotTaken)) throw err;
    type ??= await getAppointmentType(deps.db, input.organizationId, input.appointmentTypeId);
    const own = await store.findLiveHold(deps.db, {
      organizationId: input.organizationId,
      patientId: input.patientId,
      providerId: input.providerId,
      start: new Date(slotQuery.start),
      end: new Date(slotQuery.start + type.durationMinutes * 60_000),
      now: new Date(now),
    });
    if (own) throw new AlreadyHeld(own);
    throw new SlotTaken(await nearestAlternatives(deps.db, { ...slotQuery, type }));
  }
}

/** Whether a type's eligibility asks other modules (the patient's age, intake, referral). */
function asksOtherModules(type: AppointmentType): boolean {
  return (
    type.minAgeYears !== null ||
    type.maxAgeYears !== null ||
    type.prerequisites.some((p) => p.kind !== 'prior_visit')
  );
}

class AskOtherModulesFirst extends Error {}

export { getAppointmentType };
export {
  CutoffPassed,
  PreconditionFailed,
  reschedule,
  sweepExpiredHolds,
  transition,
} from './booking.lifecycle.ts';
