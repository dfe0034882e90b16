import type { Queryable } from '../../platform/db/db.ts';
import { listAccounts } from './identity.store.ts';

/**
 * Where audit alert email goes: the active workforce accounts of one organization holding the
 * compliance officer role. Read through the account store, so it follows however emails are kept.
 */
export async function complianceOfficers(
  db: Queryable,
  organizationId: string,
): Promise<{ accountId: string; email: string }[]> {
  return (await listAccounts(db, organizationId))
    .filter((a) => a.status === 'active' && a.roles.includes('compliance_officer'))
    .map((a) => ({ accountId: a.id, email: a.email }));
}
