import type { Queryable } from '../../platform/db/db.ts';

/** A family-name search's blind indexes, each under every live index key version. */
export interface NameSearchIndexes {
  exact: Uint8Array[];
  prefix: Uint8Array[];
  phonetic: Uint8Array[];
  phoneticAlt: Uint8Array[];
}

/**
 * Patients born on the searched date whose family name equals, shares its first three letters
 * with, or shares a sound code with the one searched for (blind-index equality only; the caller
 * decrypts and ranks them). At most `limit`, in a stable order.
 */
export async function findNameCandidates(
  db: Queryable,
  organizationId: string,
  idx: NameSearchIndexes,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ patient_id: string }>(
    `select patient_id from patient_identity
      where organization_id = $1
        and (dob_family_name_bidx = any($2::bytea[])
          or dob_family_prefix_bidx = any($3::bytea[])
          or dob_family_phonetic_bidx = any($4::bytea[])
          or dob_family_phonetic_alt_bidx = any($5::bytea[]))
      order by patient_id limit $6`,
    [organizationId, idx.exact, idx.prefix, idx.phonetic, idx.phoneticAlt, limit],
  );
  return rows.map((r) => r.patient_id);
}

/**
 * Counts one search for the account in the window starting at `windowStart` (a new window starts
 * the count again) and returns the count so far, this one included.
 */
export async function spendSearch(
  tx: Queryable,
  organizationId: string,
  accountId: string,
  windowStart: Date,
): Promise<number> {
  const { rows } = await tx.query<{ searches: number }>(
    `insert into patient_search_budget (organization_id, account_id, window_start, searches)
     values ($1, $2, $3, 1)
     on conflict (organization_id, account_id) do update set
       searches = case when patient_search_budget.window_start = excluded.window_start
                       then patient_search_budget.searches + 1 else 1 end,
       window_start = excluded.window_start
     returning searches`,
    [organizationId, accountId, windowStart],
  );
  return rows[0]!.searches;
}
