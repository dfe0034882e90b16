import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import {
  directoryNames,
  type LocationSummary,
  type TypeSummary,
} from '../directory/directory.lookup.ts';
import { listAppointmentTypes } from '../directory/directory.rules-service.ts';
import { eligibilityReasons, type EligibilityReason } from './booking.eligibility.ts';
import { cutoffAt, cutoffPassed } from './booking.lifecycle.ts';
import * as mine from './booking.mine-store.ts';
import type { Appointment } from './booking.schema.ts';
import { requireActingFor } from './booking.proxy.ts';
import { who, type BookingDeps } from './booking.service.ts';
import { toView } from './booking.view.ts';
import { transitions, type Transition } from './booking.state.ts';
import type { AppointmentRow, Status } from './booking.store.ts';
import { visitPolicyOf } from './booking.visit-policy.ts';
import { visitActions, type VisitPolicy } from './booking.visit-window.ts';

/** What the patient portal asks about the signed-in patient's own visits. */

/**
 * The patient record a patient account acts for: its own, or `requested` (a `patientId` the
 * client names) when it is its own or a dependant's a consent in force covers
 * (booking.proxy.ts). Anything else is a 404, the answer for a record that does not exist.
 */
export async function patientActingFor(
  actor: Actor,
  deps: BookingDeps,
  requested?: string,
): Promise<{ organizationId: string; patientId: string }> {
  if (actor.type !== 'patient') throw new Forbidden('This is the patient’s own view.');
  const w = who(actor, actor.organizationId);
  if (w.kind !== 'patient') throw new NotFound();
  const patientId = requested ?? w.patientId;
  await requireActingFor(deps, deps.db, actor, w, actor.organizationId, patientId);
  return { organizationId: actor.organizationId, patientId };
}

/** What the patient may do with the appointment now, by the same rules the changes enforce. */
export interface PatientActions {
  canConfirm: boolean;
  canCancel: boolean;
  /** The last instant the patient may cancel online (null: a hold, or not cancellable). */
  cancelCutoffAt: string | null;
  canReschedule: boolean;
  rescheduleCutoffAt: string | null;
  canCheckIn: boolean;
  checkInOpensAt: string | null;
  checkInClosesAt: string | null;
  canJoinVideo: boolean;
  joinOpensAt: string | null;
}

export function patientActions(
  row: AppointmentRow,
  view: Appointment,
  type: Pick<TypeSummary, 'cancelCutoffHours' | 'rescheduleCutoffHours'>,
  now: number,
  policy: VisitPolicy,
): PatientActions {
  const allows = (t: Transition) =>
    (transitions[t].from as readonly Status[]).includes(view.status);
  const current = { status: view.status, starts_at: row.starts_at };
  const change = (t: 'cancel' | 'reschedule', hours: number) => {
    const at = allows(t) ? cutoffAt(current, hours) : null;
    return {
      may: allows(t) && !cutoffPassed(current, now, hours),
      at: at === null ? null : new Date(at).toISOString(),
    };
  };
  const cancel = change('cancel', type.cancelCutoffHours);
  const reschedule = change('reschedule', type.rescheduleCutoffHours);
  return {
    canConfirm: allows('confirm'),
    canCancel: cancel.may,
    cancelCutoffAt: cancel.at,
    canReschedule: reschedule.may,
    rescheduleCutoffAt: reschedule.at,
    // "I'm here" and "join video": the organization's windows on the day (booking.visit-window.ts).
    ...visitActions(view, now, policy),
  };
}

export interface MyAppointment extends Appointment {
  appointmentType: { id: string; name: string; instructions: string };
  provider: { id: string; displayName: string };
  location: LocationSummary;
  actions: PatientActions;
}

// The cursor names the last appointment of the page by id only: no time, nothing about the patient.
const cursorSchema = z.object({ v: z.literal(1), w: z.enum(['upcoming', 'past']), a: z.uuid() });

function encodeCursor(when: mine.When, id: string): string {
  return Buffer.from(JSON.stringify({ v: 1, w: when, a: id })).toString('base64url');
}

function decodeCursor(cursor: string, when: mine.When): string {
  let parsed: z.infer<typeof cursorSchema> | undefined;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.w !== when) throw badCursor();
  return parsed.a;
}

const badCursor = () =>
  new Invalid('This cursor is not one of this list’s pages. Start again without it.', [
    { pointer: '/query/cursor', detail: 'not a cursor of this list' },
  ]);

/**
 * The signed-in patient's appointments, a page at a time: upcoming soonest first, or past latest
 * first, each with its type, provider and place and what the patient may do now (by the app's
 * clock). `nextCursor` fetches the next page; null on the last.
 */
export async function listMyAppointments(
  actor: Actor,
  deps: BookingDeps,
  q: {
    when: mine.When;
    limit: number;
    cursor?: string | undefined;
    patientId?: string | undefined;
  },
): Promise<{ patientId: string; appointments: MyAppointment[]; nextCursor: string | null }> {
  const me = await patientActingFor(actor, deps, q.patientId);
  const after = q.cursor ? decodeCursor(q.cursor, q.when) : null;
  if (
    after &&
    !(await mine.isPatientsAppointment(deps.db, me.organizationId, me.patientId, after))
  ) {
    throw badCursor();
  }
  const now = deps.now();
  const rows = await mine.listPatientAppointments(deps.db, {
    ...me,
    when: q.when,
    now: new Date(now),
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const names = await directoryNames(deps.db, me.organizationId, {
    typeIds: [...new Set(page.map((r) => r.appointment_type_id))],
    providerIds: [...new Set(page.map((r) => r.provider_id))],
    locationIds: [...new Set(page.map((r) => r.location_id))],
  });
  const policy = await visitPolicyOf(deps.db, me.organizationId);
  const appointments = page.map((row): MyAppointment => {
    const view = toView(row, actor, deps, now);
    const type = names.types.get(row.appointment_type_id)!;
    return {
      ...view,
      appointmentType: { id: type.id, name: type.name, instructions: type.instructions },
      provider: names.providers.get(row.provider_id)!,
      location: names.locations.get(row.location_id)!,
      actions: patientActions(row, view, type, now, policy),
    };
  });
  const last = page.at(-1);
  return {
    patientId: me.patientId,
    appointments,
    nextCursor: rows.length > q.limit && last ? encodeCursor(q.when, last.id) : null,
  };
}

/**
 * Whether each visit type is offered to the signed-in patient today, and if not every reason, by
 * the checks a booking makes (booking.eligibility.ts) on the app's clock. Types unknown here are
 * a 400 naming their position.
 */
export async function myEligibility(
  actor: Actor,
  deps: BookingDeps,
  q: { appointmentTypeIds: string[]; patientId?: string | undefined },
): Promise<{
  patientId: string;
  types: { appointmentTypeId: string; offered: boolean; reasons: EligibilityReason[] }[];
}> {
  const me = await patientActingFor(actor, deps, q.patientId);
  const known = new Map(
    (await listAppointmentTypes(deps.db, me.organizationId)).map((t) => [t.id, t]),
  );
  const unknown = q.appointmentTypeIds.findIndex((id) => !known.has(id));
  if (unknown !== -1) {
    throw new Invalid('That is not one of this clinic’s visit types.', [
      { pointer: `/query/appointmentTypeId/${unknown}`, detail: 'unknown appointment type' },
    ]);
  }
  const start = new Date(deps.now());
  const types = [];
  for (const id of q.appointmentTypeIds) {
    const reasons = await eligibilityReasons(
      deps.db,
      { ...me, type: known.get(id)!, start },
      deps.prerequisites ?? {},
      { all: true },
    );
    types.push({ appointmentTypeId: id, offered: reasons.length === 0, reasons });
  }
  return { patientId: me.patientId, types };
}
