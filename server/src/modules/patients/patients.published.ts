import type { Db, Queryable } from '../../platform/db/db.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Actor } from '../../platform/http/actor.ts';
import {
  blindIndexFor,
  duplicateIndexes,
  identityIndexes,
  openDisplayNames,
  openIdentity,
  sealIdentity,
} from './patients.identity.ts';
import { contactAddress } from './patients.messaging.ts';
import type { Identity } from './patients.schema.ts';
import {
  resolveSelfService,
  type SelfServiceIdentity,
  type SelfServiceRecord,
} from './patients.self-service.ts';
import type { Patient } from './patients.service.ts';
import {
  findByBlindIndex,
  findIdentity,
  findNames,
  findPossibleDuplicates,
  insertIdentity,
  insertPatient,
} from './patients.store.ts';

/** One audit event of this module (patients.service.ts builds it over the audit sink). */
export type RecordEvent = (
  actor: Actor,
  tx: Queryable | undefined,
  e: {
    action: string;
    patientId?: string;
    resourceType?: string;
    outcome?: 'success' | 'denied';
    organizationId?: string;
    resourceIds?: string[];
  },
) => Promise<void>;

/**
 * What the patients module publishes to other modules and jobs, beside the staff's and patients'
 * own services (patients.service.ts): imports, a patient's age for booking's rules, display names
 * for staff lists, a record by MRN, self-service records for identity, the contact email for a
 * guest's mail, and a decrypted patient for services that checked their own permission. Only what
 * each caller needs leaves the module.
 */
export function publishedPatients({
  db,
  vault,
  record,
  load,
}: {
  db: Db;
  vault: Vault;
  record: RecordEvent;
  load: (tx: Queryable, actor: Actor, patientId: string) => Promise<Patient>;
}) {
  return {
    /**
     * Adds a patient without a staff member: the demo seed and imports, run by a system job.
     * Duplicates are skipped rather than refused (returns null).
     */
    async importPatient(
      actor: Extract<Actor, { type: 'system' }>,
      organizationId: string,
      identity: Identity,
    ): Promise<string | null> {
      return db.transaction(async (tx) => {
        const indexed = { ...identity, familyName: identity.legalName.family };
        const indexes = await identityIndexes(tx, vault, organizationId, indexed);
        const matches = await findPossibleDuplicates(
          tx,
          organizationId,
          await duplicateIndexes(tx, vault, organizationId, indexed),
        );
        if (matches.length > 0) return null;
        const id = await insertPatient(tx, organizationId);
        await insertIdentity(tx, {
          ...(await sealIdentity(tx, vault, organizationId, id, identity)),
          ...indexes,
        });
        await record(actor, tx, { action: 'patient.import', patientId: id, organizationId });
        return id;
      });
    },

    /**
     * For scheduling rules (a visit type's age range): the patient's age in whole years on a date,
     * or null when no birth date is on file. Only the number leaves this module.
     */
    async ageOn(organizationId: string, patientId: string, on: Date): Promise<number | null> {
      const row = await findIdentity(db, organizationId, patientId);
      if (!row) return null;
      const { dateOfBirth } = await readingEncrypted(() => openIdentity(db, vault, row));
      return wholeYearsBetween(dateOfBirth, on);
    },

    /**
     * For other modules' staff lists (the console's schedule): display names of these patients of
     * the organization, batch-decrypted. The caller has checked that its actor may see them and
     * audits the list it shows; only names leave this module. Unknown ids are left out.
     */
    async displayNames(
      organizationId: string,
      patientIds: readonly string[],
    ): Promise<Map<string, string>> {
      if (patientIds.length === 0) return new Map();
      const rows = await findNames(db, organizationId, patientIds);
      return readingEncrypted(() => openDisplayNames(db, vault, rows));
    },

    /** For seeds and imports (no actor): the organization's patient with this MRN, if any. */
    async idByMrn(organizationId: string, mrn: string): Promise<string | null> {
      return db.transaction(async (tx) => {
        const idx = await blindIndexFor(
          tx,
          vault,
          organizationId,
          'mrn',
          normalize.identifier(mrn),
        );
        return (await findByBlindIndex(tx, organizationId, 'mrn_bidx', idx))[0] ?? null;
      });
    },

    /**
     * For identity's self-service (registration, guest booking), in the caller's transaction: the
     * existing record on a certain match, else a new one (patients.self-service.ts).
     */
    resolveSelfService(
      tx: Queryable,
      actor: Actor,
      organizationId: string,
      identity: SelfServiceIdentity,
      opts: { excluded(patientIds: string[]): Promise<string[]> },
    ): Promise<SelfServiceRecord> {
      return resolveSelfService(
        { vault, record: (a, t, e) => record(a, t, e) },
        tx,
        actor,
        organizationId,
        identity,
        opts,
      );
    },

    /**
     * The email on file, for identity's mail to a guest (visit links): only the address leaves
     * this module, to be mailed to; null when the record has none.
     */
    async contactEmail(tx: Queryable, organizationId: string, patientId: string) {
      return contactAddress(tx, vault, organizationId, patientId, 'email');
    },

    /**
     * For other modules' services, which have called requireAccess for their own permission
     * first: the decrypted patient of the actor's organization.
     */
    async loadForService(actor: Actor, tx: Queryable, patientId: string): Promise<Patient> {
      return load(tx, actor, patientId);
    },
  };
}

/** Whole years from an ISO birth date to an instant (birthdays counted on the UTC calendar day). */
export function wholeYearsBetween(dateOfBirth: string, on: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const beforeBirthday =
    on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  return on.getUTCFullYear() - y - (beforeBirthday ? 1 : 0);
}

/**
 * For identity's demo accounts and tests: a bare `patients` row without an identity, in the
 * caller's transaction. Registration finds or makes a record with an identity instead.
 */
export function insertBarePatient(q: Queryable, organizationId: string): Promise<string> {
  return insertPatient(q, organizationId);
}
