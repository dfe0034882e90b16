import type { Db, Queryable } from '../../platform/db/db.ts';
import { systemClock, type Clock } from '../../platform/time/clock.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Conflict, Forbidden, NotFound } from '../../platform/http/errors.ts';
import { isSteppedUp, StepUpRequired } from '../access/access.record.ts';
import { requireAccess, type Permission, type Relations } from '../access/access.table.ts';
import type { createAudit } from '../audit/audit.service.ts';
import type { PatientAppointmentsReader } from '../booking/booking.patient-appointments.ts';
import {
  duplicateIndexes,
  identityIndexes,
  openIdentity,
  sealIdentity,
} from './patients.identity.ts';
import { organizationOf } from './patients.policy.ts';
import { publishedPatients, type RecordEvent } from './patients.published.ts';
import { project, projectionFor, type Projection } from './patients.projection.ts';
import type {
  Identity,
  Lookup,
  PatientView,
  Registration,
  RevealableField,
  Search,
  SearchResults,
} from './patients.schema.ts';
import { spendSearchBudget } from './patients.search-budget.ts';
import { findExact, findPatients } from './patients.search.ts';
import {
  countPatients,
  findByBlindIndex,
  findIdentity,
  findPossibleDuplicates,
  insertIdentity,
  insertPatient,
} from './patients.store.ts';

export type Audit = ReturnType<typeof createAudit>;

export interface PatientsDeps {
  db: Db;
  vault: Vault;
  audit: Audit;
  /** "Now" for the search budget (the app's clock); the system clock when not given. */
  clock?: Clock;
  /** Reads from the booking module (wired in app.ts); without them, views carry no appointments. */
  appointments?: {
    ofPatient: PatientAppointmentsReader;
    countsByStatus(db: Queryable, organizationId: string): Promise<Record<string, number>>;
  };
  /** What the access table asks other modules (app.ts); without it, scoped staff reach nothing. */
  relations?: Relations;
}

/** A decrypted patient, for services of this and other modules (never sent as is). */
export interface Patient {
  id: string;
  organizationId: string;
  createdAt: Date;
  identity: Identity;
}

export type Patients = ReturnType<typeof createPatients>;

export function createPatients({
  db,
  vault,
  audit,
  appointments,
  relations,
  clock = systemClock,
}: PatientsDeps) {
  const record: RecordEvent = (actor, tx, e) =>
    audit.record(
      {
        actor,
        action: e.action,
        resourceType: e.resourceType ?? 'patient',
        resourceId: e.patientId ?? null,
        patientId: e.patientId ?? null,
        organizationId: e.organizationId ?? organizationOf(actor),
        outcome: e.outcome ?? 'success',
        ...(e.resourceIds ? { resourceIds: e.resourceIds } : {}),
      },
      tx,
    );

  /**
   * The patient's appointments when the projection shows them to this actor (`own`: only a
   * clinician who has a visit with the patient); the read is audited with the ids it returned.
   */
  async function appointmentsFor(
    tx: Queryable,
    actor: Actor,
    projection: Projection,
    patient: Patient,
  ) {
    const vis = projection.appointments;
    if (!appointments || !vis) return undefined;
    if (vis === 'own' && !(await relations?.treats(tx, actor, patient.id))) return undefined;
    const list = await appointments.ofPatient(tx, patient.organizationId, patient.id);
    await record(actor, tx, {
      action: 'patient.appointments.read',
      resourceType: 'appointment',
      patientId: patient.id,
      resourceIds: list.map((a) => a.id),
    });
    return list;
  }

  /**
   * A look-up or search and what it showed: one event naming every patient returned, and a read
   * of each (so each patient's accounting of disclosures lists it).
   */
  async function recordFound(
    actor: Actor,
    tx: Queryable,
    action: string,
    resourceType: string,
    ids: string[],
  ) {
    await record(actor, tx, { action, resourceType, resourceIds: ids });
    for (const id of ids) await record(actor, tx, { action: 'patient.read', patientId: id });
  }

  const access = (q: Queryable, actor: Actor, permission: Permission, patientId = '') =>
    requireAccess({ actor, q, relations }, permission, patientId);

  /**
   * Loads and decrypts one patient of the actor's organization (404 when there is none). The
   * caller has checked access first (requireAccess): this module's services, or another module's
   * through `loadForService`.
   */
  async function load(tx: Queryable, actor: Actor, patientId: string): Promise<Patient> {
    const org = organizationOf(actor);
    if (!org) throw new NotFound();
    const row = await findIdentity(tx, org, patientId);
    if (!row) throw new NotFound();
    const identity = await readingEncrypted(() => openIdentity(tx, vault, row));
    return { id: row.patient_id, organizationId: org, createdAt: row.created_at, identity };
  }

  return {
    /**
     * Registers a patient. A possible duplicate (same date of birth and family name, and the same
     * phone or email) stops registration with the matching ids; staff who have checked resubmit
     * with `notDuplicateOf`. Patients are never merged silently.
     */
    async register(actor: Actor, input: Registration): Promise<PatientView> {
      await access(db, actor, 'patient:register');
      const org = organizationOf(actor);
      const projection = projectionFor(actor);
      if (!org || !projection) throw new Forbidden();
      const { notDuplicateOf = [], ...identity } = input;
      return db.transaction(async (tx) => {
        const indexed = { ...identity, familyName: identity.legalName.family };
        const indexes = await identityIndexes(tx, vault, org, indexed);
        const lookFor = await duplicateIndexes(tx, vault, org, indexed);
        const matches = await findPossibleDuplicates(tx, org, lookFor);
        const unacknowledged = matches.filter((id) => !notDuplicateOf.includes(id));
        if (unacknowledged.length > 0) {
          throw new Conflict(
            'possible-duplicate',
            'This may be a patient you already have',
            'A patient with the same date of birth, family name and phone or email exists. Check them; if this is someone else, register again with notDuplicateOf listing them.',
            { possibleMatches: matches },
          );
        }
        if (
          lookFor.mrn.length > 0 &&
          (await findByBlindIndex(tx, org, 'mrn_bidx', lookFor.mrn)).length
        ) {
          throw new Conflict(
            'mrn-taken',
            'This MRN is in use',
            'Another patient has this medical record number.',
          );
        }
        const id = await insertPatient(tx, org);
        const sealed = await sealIdentity(tx, vault, org, id, identity);
        await insertIdentity(tx, { ...sealed, ...indexes });
        await record(actor, tx, { action: 'patient.register', patientId: id });
        const created = await load(tx, actor, id);
        return project(projection, created);
      });
    },

    /** One patient, as the actor's role may see them. Audited as a read. */
    async get(actor: Actor, patientId: string): Promise<PatientView> {
      await access(db, actor, 'patient:read', patientId);
      const projection = projectionFor(actor);
      if (!projection) throw new NotFound();
      return db.transaction(async (tx) => {
        const patient = await load(tx, actor, patientId);
        await record(actor, tx, { action: 'patient.read', patientId });
        return project(projection, patient, await appointmentsFor(tx, actor, projection, patient));
      });
    },

    /**
     * Exact look-up by email, phone, MRN, or date of birth with family name. No partial match.
     * Counts against the account's search budget.
     */
    async lookup(actor: Actor, q: Lookup): Promise<PatientView[]> {
      await access(db, actor, 'patient:find');
      const org = organizationOf(actor);
      const projection = projectionFor(actor);
      if (!org || !projection) throw new Forbidden();
      return db.transaction(async (tx) => {
        await spendSearchBudget(tx, actor, clock.now());
        const ids = await findExact(tx, vault, org, q);
        const found: PatientView[] = [];
        for (const id of ids) found.push(project(projection, await load(tx, actor, id)));
        await recordFound(actor, tx, 'patient.lookup', 'patient-lookup', ids);
        return found;
      });
    },

    /**
     * The front desk's search (patients.search.ts): ranked matches, at most 20, as the actor's
     * role sees them. Audited with the ids it returned; counts against the search budget.
     */
    async search(actor: Actor, q: Search): Promise<SearchResults> {
      await access(db, actor, 'patient:search');
      const org = organizationOf(actor);
      const projection = projectionFor(actor);
      if (!org || !projection) throw new Forbidden();
      return db.transaction(async (tx) => {
        await spendSearchBudget(tx, actor, clock.now());
        const { found, truncated } = await findPatients(tx, vault, org, q, (id) =>
          load(tx, actor, id),
        );
        const ids = found.map((f) => f.patient.id);
        await recordFound(actor, tx, 'patient.search', 'patient-search', ids);
        return {
          results: found.map((f) => ({ match: f.match, patient: project(projection, f.patient) })),
          truncated,
        };
      });
    },

    /**
     * One masked identifier in full, for an actor whose role sees it masked and who stepped up in
     * the last few minutes. Every attempt is audited, refused ones included.
     */
    async reveal(
      actor: Actor,
      patientId: string,
      field: RevealableField,
      now = clock.now(),
    ): Promise<{ field: RevealableField; value: string | null }> {
      // Access first: a record out of reach is a 404 before any step-up is asked for.
      await access(db, actor, 'patient:read', patientId);
      const projection = projectionFor(actor);
      if (!projection || projection[field] !== 'mask') throw new NotFound();
      const resourceType = `patient.${field}`;
      if (!isSteppedUp(actor, now)) {
        await record(actor, undefined, {
          action: 'patient.identifier.reveal',
          patientId,
          resourceType,
          outcome: 'denied',
        });
        throw new StepUpRequired();
      }
      return db.transaction(async (tx) => {
        const patient = await load(tx, actor, patientId);
        await record(actor, tx, { action: 'patient.identifier.reveal', patientId, resourceType });
        return { field, value: patient.identity[field] ?? null };
      });
    },

    /** Counts without identifiers, for managers: patients, and appointments per status. */
    async summary(actor: Actor) {
      await access(db, actor, 'patient:aggregates');
      const org = organizationOf(actor);
      if (!org) throw new Forbidden();
      return {
        ...(await countPatients(db, org)),
        appointmentsByStatus: appointments ? await appointments.countsByStatus(db, org) : {},
      };
    },

    ...publishedPatients({ db, vault, record, load }),
  };
}
