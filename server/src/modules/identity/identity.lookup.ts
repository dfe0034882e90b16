import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { findAccount } from './identity.store.ts';
import { accountDisplayName, findAccountByAddress } from './identity.vault.ts';

/**
 * What other modules may ask identity about accounts (the patients module, for proxies): an
 * active patient account of the organization by its email (found by blind index, never by
 * decrypting every address), and accounts' display names by id.
 */
export function accountLookup(db: Queryable, vault: Vault) {
  return {
    async patientAccountByEmail(organizationId: string, email: string): Promise<string | null> {
      const row = await findAccountByAddress(db, vault, organizationId, email.trim());
      return row && row.kind === 'patient' && row.status === 'active' ? row.id : null;
    },

    /** Display names by account id; ids of no account of the organization are left out. */
    async displayNames(organizationId: string, ids: string[]): Promise<Map<string, string>> {
      const names = new Map<string, string>();
      for (const id of new Set(ids)) {
        if (!/^[0-9a-f-]{36}$/i.test(id)) continue;
        const row = await findAccount(db, organizationId, id);
        if (row) names.set(id, await accountDisplayName(db, vault, row));
      }
      return names;
    },
  };
}
export type AccountLookup = ReturnType<typeof accountLookup>;
