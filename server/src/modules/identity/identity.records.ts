import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { SelfServiceIdentity, SelfServiceRecord } from '../patients/patients.self-service.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { claimedPatients } from './identity.store.ts';

export type { SelfServiceIdentity };

/**
 * What identity asks the patients module (its service, built in app.ts): identity never reads
 * the vault's patient tables.
 */
export interface PatientRecords {
  resolveSelfService(
    tx: Queryable,
    actor: Actor,
    organizationId: string,
    identity: SelfServiceIdentity,
    opts: { excluded(patientIds: string[]): Promise<string[]> },
  ): Promise<SelfServiceRecord>;
  contactEmail(tx: Queryable, organizationId: string, patientId: string): Promise<string | null>;
}

/**
 * The patient record of a person whose email was just proven (a verified registration, a guest's
 * code): the clinic's existing record only on a certain match that no account has claimed yet,
 * otherwise a new record with an identity in the vault (the rule: patients.self-service.ts and
 * docs/security/authentication.md). In the caller's transaction.
 */
export async function patientRecordFor(
  deps: IdentityDeps,
  tx: Queryable,
  actor: Actor,
  organizationId: string,
  identity: SelfServiceIdentity,
): Promise<string> {
  const found = await deps.patients.resolveSelfService(tx, actor, organizationId, identity, {
    excluded: (ids) => claimedPatients(tx, organizationId, ids),
  });
  return found.patientId;
}
