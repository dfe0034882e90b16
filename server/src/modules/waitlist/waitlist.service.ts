import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { parseInput } from '../directory/directory.rules-schema.ts';
import { bookedAppointmentOf } from '../booking/booking.waitlist-holds.ts';
import { auditEvent, type WaitlistDeps } from './waitlist.deps.ts';
import { toHhmm, toMinutes } from './waitlist.match.ts';
import { offerViewOf } from './waitlist.offers.ts';
import {
  joinInput,
  type EntryView,
  type JoinInput,
  type WaitlistSettings,
} from './waitlist.schema.ts';
import * as store from './waitlist.store.ts';

/**
 * Joining and keeping the waitlist. A patient account acts for its own record (or a dependant's
 * its consent covers: booking's `actsFor`); staff of the organization for any patient, within
 * their locations; only staff set the clinical priority.
 */

const STAFF_ROLES = new Set(['front_desk', 'clinician', 'manager', 'admin']);

type Reach =
  | { kind: 'patient'; organizationId: string; accountId: string; patientId: string }
  | { kind: 'staff'; organizationId: string; locationIds: string[] | null };

export function reachOf(actor: Actor): Reach {
  if (actor.type === 'patient' && !actor.guest && actor.patientId)
    return {
      kind: 'patient',
      organizationId: actor.organizationId,
      accountId: actor.id,
      patientId: actor.patientId,
    };
  if (actor.type === 'user' && actor.roles.some((r) => STAFF_ROLES.has(r)))
    return {
      kind: 'staff',
      organizationId: actor.organizationId,
      locationIds: actor.locationIds && actor.locationIds.length > 0 ? actor.locationIds : null,
    };
  throw new Forbidden();
}

async function patientMayAct(deps: WaitlistDeps, r: Reach, patientId: string) {
  if (r.kind === 'staff') return;
  if (patientId === r.patientId) return;
  const covered = await deps.booking.actsFor?.(
    deps.db,
    r.organizationId,
    r.accountId,
    patientId,
    deps.clock.now(),
  );
  if (!covered) throw new NotFound();
}

export async function join(deps: WaitlistDeps, actor: Actor, raw: unknown): Promise<EntryView> {
  const input: JoinInput = parseInput(joinInput, raw);
  const r = reachOf(actor);
  if (input.organizationId !== r.organizationId) throw new NotFound();
  if (r.kind === 'patient' && input.priority !== undefined)
    throw new Forbidden('The clinic sets the clinical priority.');
  await patientMayAct(deps, r, input.patientId);
  const errors = [];
  if (input.toDate < input.fromDate)
    errors.push({ pointer: '/toDate', detail: 'on or after fromDate' });
  input.windows.forEach((w, i) => {
    if (toMinutes(w.to) <= toMinutes(w.from))
      errors.push({ pointer: `/windows/${i}/to`, detail: 'after from' });
  });
  let locationIds = input.locationIds;
  if (r.kind === 'staff' && r.locationIds) {
    const scope = r.locationIds;
    if (locationIds.some((l) => !scope.includes(l))) throw new NotFound();
    if (locationIds.length === 0) locationIds = scope;
  }
  if (input.moveAppointmentId) {
    const old = await bookedAppointmentOf(
      deps.db,
      input.organizationId,
      input.patientId,
      input.moveAppointmentId,
    );
    if (!old || old.appointmentTypeId !== input.appointmentTypeId)
      errors.push({ pointer: '/moveAppointmentId', detail: 'a booked visit of this type' });
  }
  if (errors.length > 0) throw new Invalid('Some fields need another value.', errors);
  try {
    const row = await deps.db.transaction(async (tx) => {
      const row = await store.insertEntry(tx, {
        organization_id: input.organizationId,
        patient_id: input.patientId,
        appointment_type_id: input.appointmentTypeId,
        provider_ids: input.providerIds,
        location_ids: locationIds,
        modality: input.modality,
        from_date: input.fromDate,
        to_date: input.toDate,
        windows: input.windows.flatMap((w) => [toMinutes(w.from), toMinutes(w.to)]),
        move_appointment_id: input.moveAppointmentId,
        priority: input.priority ?? 0,
        created_by: r.kind,
        created_at: deps.clock.now(),
      });
      await auditEvent(tx, {
        actor,
        action: 'waitlist.join',
        resourceType: 'waitlist_entry',
        resourceId: row.id,
        patientId: row.patient_id,
        organizationId: row.organization_id,
      });
      return row;
    });
    return viewOf(row, []);
  } catch (err) {
    if ((err as { code?: string }).code === '23503')
      throw new Invalid('Unknown appointment type or patient.', [
        { pointer: '/appointmentTypeId', detail: 'an appointment type of this clinic' },
      ]);
    throw err;
  }
}

export function viewOf(e: store.EntryRow, offers: store.OfferRow[]): EntryView {
  const windows = [];
  for (let i = 0; i + 1 < e.windows.length; i += 2)
    windows.push({ from: toHhmm(e.windows[i]!), to: toHhmm(e.windows[i + 1]!) });
  return {
    id: e.id,
    patientId: e.patient_id,
    appointmentTypeId: e.appointment_type_id,
    providerIds: e.provider_ids,
    locationIds: e.location_ids,
    modality: e.modality,
    fromDate: e.from_date,
    toDate: e.to_date,
    windows,
    moveAppointmentId: e.move_appointment_id,
    priority: e.priority,
    status: e.status,
    bookedAppointmentId: e.booked_appointment_id,
    createdAt: e.created_at.toISOString(),
    openOffers: offers.filter((o) => o.entry_id === e.id).map(offerViewOf),
  };
}

async function withOffers(deps: WaitlistDeps, q: Queryable, org: string, rows: store.EntryRow[]) {
  const offers = await store.openOffers(
    q,
    org,
    rows.map((e) => e.id),
    deps.clock.now(),
  );
  return rows.map((e) => viewOf(e, offers));
}

/** The patient's own entries, each with its open offers. */
export async function mine(deps: WaitlistDeps, actor: Actor) {
  const r = reachOf(actor);
  if (r.kind !== 'patient') throw new Forbidden();
  const rows = await store.listEntries(deps.db, r.organizationId, { patientId: r.patientId });
  return withOffers(deps, deps.db, r.organizationId, rows);
}

/** The console's list: waiting entries in the staff member's locations, with display names
 * for the front desk and clinicians. */
export async function staffList(deps: WaitlistDeps, actor: Actor, status?: string) {
  const r = reachOf(actor);
  if (r.kind !== 'staff') throw new Forbidden();
  const rows = await store.listEntries(deps.db, r.organizationId, {
    locationIds: r.locationIds,
    ...(status ? { status } : {}),
  });
  // Names for the front desk and clinicians; managers and admins see the list without them
  // (minimum necessary, as on the schedule).
  const named =
    actor.type === 'user' && actor.roles.some((x) => x === 'front_desk' || x === 'clinician');
  const names =
    named && deps.patientNames
      ? await deps.patientNames(r.organizationId, [...new Set(rows.map((e) => e.patient_id))])
      : new Map<string, string>();
  const views = await withOffers(deps, deps.db, r.organizationId, rows);
  return views.map((v) => ({ ...v, patientName: names.get(v.patientId) ?? null }));
}

/** An entry within reach (the patient's own, or in the staff member's locations), locked. */
async function reachableEntry(tx: Queryable, r: Reach, id: string) {
  const e = await store.findEntry(tx, r.organizationId, id, true);
  if (!e) throw new NotFound();
  if (r.kind === 'patient' && e.patient_id !== r.patientId) throw new NotFound();
  if (r.kind === 'staff' && r.locationIds && e.location_ids.length > 0) {
    const scope = r.locationIds;
    if (!e.location_ids.some((l) => scope.includes(l))) throw new NotFound();
  }
  return e;
}

export async function setPriority(deps: WaitlistDeps, actor: Actor, id: string, priority: number) {
  const r = reachOf(actor);
  if (r.kind !== 'staff') throw new Forbidden();
  const row = await deps.db.transaction(async (tx) => {
    const e = await reachableEntry(tx, r, id);
    await store.setEntry(tx, id, { priority });
    await auditEvent(tx, {
      actor,
      action: 'waitlist.priority',
      resourceType: 'waitlist_entry',
      resourceId: id,
      patientId: e.patient_id,
      organizationId: r.organizationId,
    });
    return { ...e, priority };
  });
  return viewOf(row, []);
}

export async function withdraw(deps: WaitlistDeps, actor: Actor, id: string) {
  const r = reachOf(actor);
  await deps.db.transaction(async (tx) => {
    const e = await reachableEntry(tx, r, id);
    if (e.status !== 'waiting') return;
    await store.setEntry(tx, id, { status: 'withdrawn' });
    await auditEvent(tx, {
      actor,
      action: 'waitlist.withdraw',
      resourceType: 'waitlist_entry',
      resourceId: id,
      patientId: e.patient_id,
      organizationId: r.organizationId,
    });
  });
}

export async function getSettings(deps: WaitlistDeps, actor: Actor): Promise<WaitlistSettings> {
  const r = reachOf(actor);
  return store.settingsOf(deps.db, r.organizationId);
}

export async function putSettings(deps: WaitlistDeps, actor: Actor, s: WaitlistSettings) {
  const r = reachOf(actor);
  await deps.db.transaction(async (tx) => {
    await store.saveSettings(tx, r.organizationId, s);
    await auditEvent(tx, {
      actor,
      action: 'waitlist.settings.update',
      resourceType: 'waitlist_settings',
      resourceId: r.organizationId,
      patientId: null,
      organizationId: r.organizationId,
    });
  });
  return s;
}
