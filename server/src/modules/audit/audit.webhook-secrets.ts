import type { EncryptedTable } from '../../platform/crypto/keys.ts';
import { sealedColumnTable } from '../../platform/crypto/keys.column.ts';
import type { FieldLocation, Vault } from '../../platform/crypto/vault.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';

/**
 * Webhook signing secrets of audit alert rules, encrypted by the vault under the organization's
 * identifiers data key (the rule id is bound into the ciphertext, so a secret copied to another
 * rule does not decrypt). Written once when the rule is created and never returned by the API.
 */
const at = (organizationId: string, ruleId: string): FieldLocation => ({
  organizationId,
  dataClass: 'identifiers',
  table: 'audit_alert_rules',
  column: 'webhook_secret',
  rowId: ruleId,
});

export function sealWebhookSecret(
  tx: Queryable,
  vault: Vault,
  organizationId: string,
  ruleId: string,
  secret: string,
): Promise<Buffer> {
  return vault.encrypt(tx, at(organizationId, ruleId), secret);
}

export function openWebhookSecret(
  tx: Queryable,
  vault: Vault,
  rule: { id: string; organization_id: string; webhook_secret_enc: Uint8Array },
): Promise<string> {
  return vault.decrypt(tx, at(rule.organization_id, rule.id), rule.webhook_secret_enc);
}

/**
 * Secrets stored in clear before they were encrypted: encrypts each and empties the clear column.
 * Runs at start-up; returns how many it moved.
 */
export async function encryptClearWebhookSecrets(db: Db, vault: Vault): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; organization_id: string; secret: string }>(
      `select id::text as id, organization_id::text as organization_id, webhook_secret as secret
         from audit_alert_rules where webhook_secret is not null for update`,
    );
    for (const r of rows) {
      await tx.query(
        `update audit_alert_rules set webhook_secret_enc = $2, webhook_secret = null where id = $1`,
        [r.id, await sealWebhookSecret(tx, vault, r.organization_id, r.id, r.secret)],
      );
    }
    return rows.length;
  });
}

/** audit_alert_rules for key management: inventory counts and re-encryption. */
export const webhookSecretsTable: EncryptedTable = sealedColumnTable({
  table: 'audit_alert_rules',
  column: 'webhook_secret_enc',
  field: 'webhook_secret',
  dataClass: 'identifiers',
});
