import type { Queryable } from '../../platform/db/db.ts';
import { normalize } from '../../platform/crypto/normalize.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { blindIndexFor, withBirthDate, type IndexedColumn } from './patients.identity.ts';
import type { Lookup, MatchKind, Search } from './patients.schema.ts';
import { matchKinds } from './patients.schema.ts';
import { distance, matchOf, nameKeys } from './patients.search-keys.ts';
import { findNameCandidates } from './patients.search-store.ts';
import type { Patient } from './patients.service.ts';
import { findByBlindIndex, type BlindIndexColumn } from './patients.store.ts';

/** The most matches a search returns; past it, `truncated` asks for more of the name. */
export const searchCap = 20;
/** The most candidates a name search decrypts to rank (same birth date: a handful in practice). */
const candidateCap = 100;

/** The blind index an exact identifier look-up matches, and the normalized value it hashes. */
export function identifierIndex(q: Lookup): [IndexedColumn, BlindIndexColumn, string] {
  if (q.email !== undefined) return ['email', 'email_bidx', normalize.email(q.email)];
  if (q.phone !== undefined) return ['phone', 'phone_bidx', normalize.phone(q.phone)];
  if (q.mrn !== undefined) return ['mrn', 'mrn_bidx', normalize.identifier(q.mrn)];
  return [
    'date_of_birth+family_name',
    'dob_family_name_bidx',
    withBirthDate(q.dateOfBirth ?? '', normalize.name(q.familyName ?? '')),
  ];
}

/** Patients found by an exact identifier look-up (every live index key version). */
export async function findExact(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  q: Lookup,
): Promise<string[]> {
  const [column, idxColumn, normalized] = identifierIndex(q);
  const values = await blindIndexFor(tx, vault, organizationId, column, normalized);
  return findByBlindIndex(tx, organizationId, idxColumn, values);
}

export interface Found {
  match: MatchKind;
  patient: Patient;
}

/**
 * The front desk's search, ranked: by an identifier (exact), or by date of birth and family name:
 * exact, then prefix, then phonetic; within each, the given name searched for first, then the
 * family names closest to the one typed, then by name.
 * `load` decrypts a candidate after the caller's per-record check. Candidates the blind indexes
 * returned only for sharing three letters are dropped after decryption, never returned.
 */
export async function findPatients(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  q: Search,
  load: (patientId: string) => Promise<Patient>,
): Promise<{ found: Found[]; truncated: boolean }> {
  if (q.familyName === undefined || q.dateOfBirth === undefined) {
    const ids = await findExact(tx, vault, organizationId, q);
    const found: Found[] = [];
    for (const id of ids.slice(0, searchCap))
      found.push({ match: 'exact', patient: await load(id) });
    return { found, truncated: ids.length > searchCap };
  }
  const dob = q.dateOfBirth;
  const wanted = nameKeys(q.familyName);
  const under = (column: IndexedColumn, key: string) =>
    blindIndexFor(tx, vault, organizationId, column, withBirthDate(dob, key));
  const sounds = [...new Set(wanted.sounds)];
  const soundsUnder = async (column: IndexedColumn) => {
    const values: Buffer[] = [];
    for (const s of sounds) values.push(...(await under(column, s)));
    return values;
  };
  const ids = await findNameCandidates(
    tx,
    organizationId,
    {
      exact: await under('date_of_birth+family_name', wanted.exact),
      prefix: await under('date_of_birth+family_name_prefix', wanted.prefix),
      phonetic: await soundsUnder('date_of_birth+family_name_phonetic'),
      phoneticAlt: await soundsUnder('date_of_birth+family_name_phonetic_alt'),
    },
    candidateCap + 1,
  );
  const given = q.givenName === undefined ? null : normalize.name(q.givenName);
  const ranked: (Found & { rank: number[]; name: string })[] = [];
  for (const id of ids.slice(0, candidateCap)) {
    const patient = await load(id);
    const { legalName, dateOfBirth } = patient.identity;
    const family = nameKeys(legalName.family);
    const match = matchOf(wanted, family);
    if (match === null || dateOfBirth !== dob) continue;
    const givenMatches = given !== null && normalize.name(legalName.given).startsWith(given);
    ranked.push({
      match,
      patient,
      rank: [matchKinds.indexOf(match), givenMatches ? 0 : 1, distance(wanted.exact, family.exact)],
      name: `${family.exact} ${normalize.name(legalName.given)} ${id}`,
    });
  }
  const byRank = (a: number[], b: number[]) => a.reduce((d, v, i) => d || v - b[i]!, 0);
  ranked.sort((a, b) => byRank(a.rank, b.rank) || (a.name < b.name ? -1 : 1));
  return {
    found: ranked.slice(0, searchCap).map(({ match, patient }) => ({ match, patient })),
    truncated: ranked.length > searchCap || ids.length > candidateCap,
  };
}
