import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { listAccounts } from './identity.store.ts';
import { accountEmail } from './identity.vault.ts';

/**
 * Where audit alert email goes: the active workforce accounts of one organization holding the
 * compliance officer role, with their addresses opened from the vault.
 */
export function complianceOfficers(vault: Vault) {
  return async (
    db: Queryable,
    organizationId: string,
  ): Promise<{ accountId: string; email: string }[]> => {
    const officers = (await listAccounts(db, organizationId)).filter(
      (a) => a.status === 'active' && a.roles.includes('compliance_officer'),
    );
    return Promise.all(
      officers.map(async (a) => ({ accountId: a.id, email: await accountEmail(db, vault, a) })),
    );
  };
}
