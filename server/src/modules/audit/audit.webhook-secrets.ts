import type { EncryptedTable } from '../../platform/crypto/keys.ts';
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

// The data key version a ciphertext names: bytes 1-4, big-endian (vault.ts).
const versionSql = `(get_byte(webhook_secret_enc, 1) << 24 | get_byte(webhook_secret_enc, 2) << 16
  | get_byte(webhook_secret_enc, 3) << 8 | get_byte(webhook_secret_enc, 4))`;

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
export const webhookSecretsTable: EncryptedTable = {
  name: 'audit_alert_rules',
  dataClass: 'identifiers',
  async countByVersion(db) {
    const { rows } = await db.query<{ organization_id: string; version: number; rows: string }>(
      `select organization_id::text as organization_id, ${versionSql} as version,
              count(*)::text as rows
         from audit_alert_rules where webhook_secret_enc is not null
        group by organization_id, ${versionSql}`,
    );
    return rows.map((r) => ({
      organizationId: r.organization_id,
      version: Number(r.version),
      rows: Number(r.rows),
    }));
  },
  async reencryptBatch(tx, vault, organizationId, limit) {
    const current = await vault.currentVersion(tx, organizationId, 'identifiers');
    const { rows } = await tx.query<{
      id: string;
      organization_id: string;
      webhook_secret_enc: Uint8Array;
    }>(
      `select id::text as id, organization_id::text as organization_id, webhook_secret_enc
         from audit_alert_rules
        where organization_id = $1 and webhook_secret_enc is not null and ${versionSql} < $2
        order by id limit $3 for update skip locked`,
      [organizationId, current, limit],
    );
    for (const r of rows) {
      const secret = await openWebhookSecret(tx, vault, r);
      await tx.query(`update audit_alert_rules set webhook_secret_enc = $2 where id = $1`, [
        r.id,
        await sealWebhookSecret(tx, vault, organizationId, r.id, secret),
      ]);
    }
    return rows.map((r) => r.id);
  },
};
