import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { grantsSystemScope } from './access.scopes.ts';
import {
  everySchedule,
  requireGuestAppointment,
  requireGuestForm,
  requireLocation,
  requireOrganization,
  schedulingRoles,
  staffScope,
  unlimited,
  type StaffScope,
} from './access.record.ts';

/**
 * Record-level access in one table: for each permission, who may act on which record. A service
 * calls `requireAccess(ctx, permission, id)` as its first line, before it loads anything; every
 * refusal of a record is a 404, so "missing" and "not yours" look the same, and a refusal of the
 * action itself (a role that never may) is a 403.
 *
 * Route policies (access.policy.ts) decide who reaches a route at all; this table decides which
 * records. Relationships that live in other modules' tables (a patient's appointments at a
 * location, a clinician's patients, a break-glass grant) are asked through `Relations`, which
 * app.ts wires to those modules' published functions: access reads no table of its own.
 */

/** What other modules answer for the table. */
export interface Relations {
  /** The patient has an appointment at one of the locations, or none at all yet (booking). */
  patientAtLocations(
    q: Queryable,
    organizationId: string,
    patientId: string,
    locationIds: readonly string[],
  ): Promise<boolean>;
  /**
   * The clinician's clinical relationship with the patient: a visit on their own schedule
   * (booking), or an unexpired break-glass grant (patients).
   */
  treats(q: Queryable, actor: Actor, patientId: string): Promise<boolean>;
  /**
   * A consent in force (proxy or guardian) lets the patient account act for the patient: what a
   * caregiver booking for a dependant may do for them besides the booking itself.
   */
  actsFor?(
    q: Queryable,
    organizationId: string,
    accountId: string,
    patientId: string,
  ): Promise<boolean>;
}

export interface AccessContext {
  actor: Actor;
  /** Where relationship questions are asked: the caller's transaction, or the pool. */
  q: Queryable;
  relations?: Relations | undefined;
}

/**
 * Whom an appointment read is for, as the table established it: the patient's own, or a
 * workforce scope (locations, a clinician's own schedule). The store's read filters by it, so
 * the check and the load of an appointment are one statement.
 */
export type AppointmentReach =
  { kind: 'patient'; patientId: string } | { kind: 'staff'; scope: StaffScope };

type Workforce = Extract<Actor, { type: 'user' }>;
type Check<T> = (ctx: AccessContext, id: string) => T | Promise<T>;

const rolesOf = (actor: Actor): readonly string[] => (actor.type === 'user' ? actor.roles : []);
const holds = (actor: Actor, roles: readonly string[]) =>
  rolesOf(actor).some((r) => roles.includes(r));

/** The patient account (not a guest) acting for its own record. */
const isOwnAccount = (actor: Actor, patientId: string) =>
  actor.type === 'patient' && !actor.guest && actor.patientId === patientId;
/** The patient account or a guest session acting for its own record. */
const isOwn = (actor: Actor, patientId: string) =>
  actor.type === 'patient' && actor.patientId === patientId;

/**
 * A workforce account holding one of `roles` reaches the organization's patient, within the
 * locations it is limited to: a patient with an appointment at one of them, or none yet (a new
 * patient is any desk's to book). A clinician who treats the patient reaches them too.
 */
async function staffReachesPatient(ctx: AccessContext, actor: Workforce, patientId: string) {
  const { locationIds } = staffScope(actor);
  if (locationIds === null) return true;
  const r = ctx.relations;
  if (!r) return false;
  return (
    (await r.patientAtLocations(ctx.q, actor.organizationId, patientId, locationIds)) ||
    (await r.treats(ctx.q, actor, patientId))
  );
}

/** A patient account (not a guest) a consent in force lets act for the patient. */
async function isCaregiver(ctx: AccessContext, patientId: string): Promise<boolean> {
  const { actor } = ctx;
  if (actor.type !== 'patient' || actor.guest || !ctx.relations?.actsFor) return false;
  return ctx.relations.actsFor(ctx.q, actor.organizationId, actor.id, patientId);
}

/**
 * A patient record: the patient themself (`self`: their account, or guests too), a caregiver
 * whose consent covers the patient (`caregiver`), or workforce holding one of `staff` within
 * their scope. 404 otherwise.
 */
function patientRecord(opts: {
  self: 'account' | 'guest too' | 'no';
  caregiver?: boolean;
  staff: readonly string[];
}): Check<void> {
  return async (ctx, patientId) => {
    const { actor } = ctx;
    if (actor.type === 'patient') {
      const own =
        opts.self === 'guest too' ? isOwn(actor, patientId) : isOwnAccount(actor, patientId);
      if (opts.self !== 'no' && own) return;
      if (opts.caregiver && (await isCaregiver(ctx, patientId))) return;
      throw new NotFound();
    }
    if (actor.type !== 'user' || !holds(actor, opts.staff)) throw new NotFound();
    if (!(await staffReachesPatient(ctx, actor, patientId))) throw new NotFound();
  };
}

/** Clinical data: the patient's own account, or a clinician who treats them (or broke glass). */
const clinicalRecord: Check<void> = async (ctx, patientId) => {
  const { actor } = ctx;
  if (isOwnAccount(actor, patientId)) return;
  if (actor.type !== 'user' || !holds(actor, ['clinician'])) throw new NotFound();
  if (!ctx.relations || !(await ctx.relations.treats(ctx.q, actor, patientId))) {
    throw new NotFound();
  }
};

/**
 * Patients for an integration client (SMART Backend Services): as far as its token's
 * `system/Patient.*` scopes say (c to register, s to find, r to read). Its organization's patients
 * only: the patients service loads records within the actor's organization.
 */
function orIntegration<T>(permission: 'c' | 'r' | 's', check: Check<T>): Check<T> {
  return (ctx, id) => {
    const { actor } = ctx;
    if (actor.type === 'user' && actor.roles.includes('integration')) {
      if (!grantsSystemScope(actor.smartScopes ?? [], 'Patient', permission)) {
        throw permission === 'r' ? new NotFound() : new Forbidden();
      }
      return undefined as T;
    }
    return check(ctx, id);
  };
}

/** A role-only action (no record): 403 for any other actor. */
function role(...roles: string[]): Check<void> {
  return (ctx) => {
    if (!holds(ctx.actor, roles)) throw new Forbidden();
  };
}

/**
 * Appointments: a patient (or a guest, only the appointments of its session) their own; the
 * scheduling staff their organization's within their scope. `id` is the appointment's; for a
 * new one (`appointment.create`) the organization's.
 */
function appointment(create: boolean, access: 'read' | 'write'): Check<AppointmentReach> {
  return (ctx, id) => {
    const { actor } = ctx;
    if (actor.type === 'system') return { kind: 'staff', scope: unlimited };
    // An integration client (SMART Backend Services) reaches its organization's appointments
    // as far as its token's system scopes say: read (r) to read, create (c) to book, update (u)
    // to change.
    if (actor.type === 'user' && actor.roles.includes('integration')) {
      if (create) requireOrganization(actor, id);
      const needed = create ? 'c' : access === 'read' ? 'r' : 'u';
      if (!grantsSystemScope(actor.smartScopes ?? [], 'Appointment', needed)) throw new Forbidden();
      return { kind: 'staff', scope: unlimited };
    }
    if (actor.type === 'anonymous') throw new Forbidden();
    if (create) requireOrganization(actor, id);
    if (actor.type === 'patient') {
      // The account acts for its own patient record only; an account without one reaches nothing.
      if (!actor.patientId) throw new NotFound();
      requireGuestAppointment(actor, create ? undefined : id);
      return { kind: 'patient', patientId: actor.patientId };
    }
    if (!holds(actor, schedulingRoles)) throw new Forbidden();
    return { kind: 'staff', scope: staffScope(actor) };
  };
}

const appointmentRead = appointment(false, 'read');

/**
 * Which providers' entries a schedule answer may hold (null: every provider's at the location),
 * as the table established it; the store's read filters by it.
 */
export interface ScheduleReach {
  providerIds: readonly string[] | null;
}

/**
 * A location's schedule (id: the location), within the locations the account is limited to: who
 * holds one of `everyone` sees every provider's, a clinician otherwise only their own (also one
 * who manages: a manager sees counts, never patients); anyone else nothing (404).
 */
function schedule(everyone: readonly string[]): Check<ScheduleReach> {
  return (ctx, locationId) => {
    const { actor } = ctx;
    if (actor.type !== 'user') throw new Forbidden();
    requireLocation(actor, actor.organizationId, locationId);
    if (holds(actor, everyone)) return { providerIds: null };
    if (holds(actor, ['clinician']) && actor.providerId) return { providerIds: [actor.providerId] };
    throw new NotFound();
  };
}

/**
 * The providers a schedule read names (`requested`, or all it may see) inside what the table
 * gave: a provider outside it is a 404, as if not at the location.
 */
export function scheduleProviders(
  reach: ScheduleReach,
  requested: readonly string[] | undefined,
): string[] | null {
  if (reach.providerIds === null) return requested ? [...requested] : null;
  const own = reach.providerIds;
  if (requested?.some((p) => !own.includes(p))) throw new NotFound();
  return [...(requested ?? own)];
}

/** Documents by kind: who besides the patient's own account may download each. */
const documentReaders = {
  /** The front desk needs the insurance card at check-in. */
  insurance_card: patientRecord({ self: 'account', staff: ['front_desk'] }),
  /** The referral letter is clinical: the clinician who treats the patient. */
  referral_letter: clinicalRecord,
} as const;

const table = {
  // appointments (id: the appointment; for create, the organization)
  'appointment:create': appointment(true, 'write'),
  'appointment:read': appointmentRead,
  'appointment:change': appointment(false, 'write'),
  /** No-show and completion: never the patient's, nor an integration client's. */
  'appointment:run-visit': ((ctx, id) => {
    if (holds(ctx.actor, ['integration'])) throw new Forbidden();
    const reach = appointmentRead(ctx, id) as AppointmentReach;
    if (reach.kind === 'patient') throw new Forbidden();
    return reach;
  }) satisfies Check<AppointmentReach>,

  // a location's schedule (id: the location)
  /** Entries with the patients' names: the front desk every provider's, a clinician their own. */
  'schedule:entries': schedule(['front_desk']),
  /** Counts per provider, date and status (no patients): managers and admins too. */
  'schedule:counts': schedule(everySchedule),

  // patients (id: the patient)
  'patient:register': orIntegration('c', role('front_desk', 'clinician')),
  'patient:find': orIntegration('s', role('front_desk', 'clinician')),
  /** Search besides: compliance officers find the record an accounting request names (their
   * projection shows which record matched, not who it is). */
  'patient:search': role('front_desk', 'clinician', 'compliance_officer'),
  'patient:aggregates': role('manager', 'admin', 'compliance_officer'),
  /** The record as each role's projection shows it (patients.projection.ts). */
  'patient:read': orIntegration(
    'r',
    patientRecord({ self: 'account', staff: ['front_desk', 'clinician', 'compliance_officer'] }),
  ),
  'patient:preferences.read': patientRecord({
    self: 'guest too',
    staff: ['front_desk', 'clinician'],
  }),
  'patient:preferences.update': patientRecord({ self: 'guest too', staff: ['front_desk'] }),
  'patient:consents.read': patientRecord({
    self: 'guest too',
    staff: ['front_desk', 'admin', 'compliance_officer'],
  }),
  'patient:consents.revoke': patientRecord({ self: 'guest too', staff: ['front_desk', 'admin'] }),
  'patient:proxy.grant': patientRecord({ self: 'guest too', staff: [] }),
  /** Right of access: the patient's own record, whole. */
  'patient:export': patientRecord({ self: 'account', staff: [] }),
  'patient:guardian.add': async (ctx: AccessContext, patientId: string) => {
    await role('front_desk', 'admin')(ctx, patientId);
    await patientRecord({ self: 'no', staff: ['front_desk', 'admin'] })(ctx, patientId);
  },
  'patient:break-glass': role('clinician'),

  // intake (id: the patient; for the form, its appointment type)
  'intake:form.define': role('admin'),
  /** A guest fills in only the form of a visit it booked. */
  'intake:form.fill': ((ctx, appointmentType) =>
    requireGuestForm(ctx.actor, appointmentType)) satisfies Check<void>,
  /**
   * The patient (or a guest for its own record), a caregiver booking for the dependant their
   * consent covers, or the front desk filling it in with them.
   */
  'intake:fill': patientRecord({ self: 'guest too', caregiver: true, staff: ['front_desk'] }),
  /** Submitted answers: the patient's own, or a treating clinician's; never the front desk's. */
  'intake:answers.read': clinicalRecord,
  'document:upload': patientRecord({ self: 'guest too', staff: ['front_desk'] }),
  'document:list': patientRecord({ self: 'account', staff: ['front_desk', 'clinician'] }),
  'document:insurance_card.read': documentReaders.insurance_card,
  'document:referral_letter.read': documentReaders.referral_letter,
} satisfies Record<string, Check<unknown>>;

export type Permission = keyof typeof table;
export const permissions = Object.keys(table) as Permission[];

/**
 * The one record-level check: throws (404 for a record not the actor's, 403 for an action its
 * roles never allow) or returns what the check established (an appointment read's filter).
 */
export async function requireAccess<P extends Permission>(
  ctx: AccessContext,
  permission: P,
  id: string,
): Promise<Awaited<ReturnType<(typeof table)[P]>>> {
  const check = table[permission] as Check<unknown>;
  return (await check(ctx, id)) as Awaited<ReturnType<(typeof table)[P]>>;
}

export type AppointmentPermission =
  'appointment:create' | 'appointment:read' | 'appointment:change' | 'appointment:run-visit';

/**
 * The appointment rows of the table, which need no query (their answer filters the read):
 * synchronous, for booking's hot path.
 */
export function appointmentAccess(
  actor: Actor,
  permission: AppointmentPermission,
  id: string,
): AppointmentReach {
  return table[permission]({ actor, q: undefined as never }, id) as AppointmentReach;
}

/** Whether the actor may (the same check, as a yes or no: what the UI asks to show an action). */
export async function mayAccess(
  ctx: AccessContext,
  permission: Permission,
  id: string,
): Promise<boolean> {
  try {
    await requireAccess(ctx, permission, id);
    return true;
  } catch (err) {
    if (err instanceof NotFound || err instanceof Forbidden) return false;
    throw err;
  }
}
