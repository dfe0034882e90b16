import { normalize } from '../../platform/crypto/normalize.ts';
import { readingEncrypted } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import {
  duplicateIndexes,
  identityIndexes,
  openIdentity,
  sealIdentity,
} from './patients.identity.ts';
import type { Identity } from './patients.schema.ts';
import {
  findCertainMatches,
  findIdentity,
  findPossibleDuplicates,
  insertIdentity,
  insertPatient,
  lockPatients,
} from './patients.store.ts';

/** What a person gives about themselves (registration, guest booking), with a proven email. */
export type SelfServiceIdentity = Pick<
  Identity,
  'legalName' | 'preferredName' | 'dateOfBirth' | 'sex' | 'phone'
> & { email: string };

export interface SelfServiceRecord {
  patientId: string;
  /** An existing record (a certain match) rather than a new one. */
  linked: boolean;
  /** Records that may be the same person, for the front desk to check (a new record only). */
  possibleDuplicates: string[];
}

type Record = (
  actor: Actor,
  tx: Queryable,
  e: { action: string; patientId: string; organizationId: string; resourceIds?: string[] },
) => Promise<void>;

/**
 * The record of a person who proved their email (registration, guest booking), with no staff
 * member present. An existing record only when the match is certain: the same family name and
 * date of birth and the same email (blind indexes), the same given name (compared decrypted), a
 * single such record, and one `excluded` does not name (identity: records an account already
 * claims). Anything less — a weak match on phone, another given name, two candidates, a claimed
 * record — makes a new record, never a merge; its possible duplicates (duplicate detection of
 * `register`) are named in the audit event (`patient.self_register`) for the front desk to
 * reconcile. Runs in the caller's transaction; the candidate rows are locked so two verifications
 * cannot both take one record.
 */
export async function resolveSelfService(
  deps: { vault: Vault; record: Record },
  tx: Queryable,
  actor: Actor,
  organizationId: string,
  identity: SelfServiceIdentity,
  opts: { excluded(patientIds: string[]): Promise<string[]> },
): Promise<SelfServiceRecord> {
  const { vault, record } = deps;
  const indexed = { ...identity, familyName: identity.legalName.family };
  const lookFor = await duplicateIndexes(tx, vault, organizationId, indexed);
  const candidates = await lockPatients(
    tx,
    organizationId,
    await findCertainMatches(tx, organizationId, lookFor),
  );
  const given = normalize.name(identity.legalName.given);
  const sameGiven: string[] = [];
  for (const id of candidates) {
    const row = await findIdentity(tx, organizationId, id);
    if (!row) continue;
    const known = await readingEncrypted(() => openIdentity(tx, vault, row));
    if (normalize.name(known.legalName.given) === given) sameGiven.push(id);
  }
  const excluded = new Set(sameGiven.length ? await opts.excluded(sameGiven) : []);
  const open = sameGiven.filter((id) => !excluded.has(id));
  if (sameGiven.length === 1 && open.length === 1) {
    const patientId = open[0]!;
    await record(actor, tx, { action: 'patient.self_link', patientId, organizationId });
    return { patientId, linked: true, possibleDuplicates: [] };
  }
  const possibleDuplicates = await findPossibleDuplicates(tx, organizationId, lookFor);
  const patientId = await insertPatient(tx, organizationId);
  await insertIdentity(tx, {
    ...(await sealIdentity(tx, vault, organizationId, patientId, identity)),
    ...(await identityIndexes(tx, vault, organizationId, indexed)),
  });
  await record(actor, tx, {
    action: 'patient.self_register',
    patientId,
    organizationId,
    resourceIds: possibleDuplicates,
  });
  return { patientId, linked: false, possibleDuplicates };
}
