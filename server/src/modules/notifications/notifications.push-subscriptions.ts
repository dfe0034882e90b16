import { createHash, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { sealedColumnTable } from '../../platform/crypto/keys.column.ts';
import { decryptEach, type RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Queryable } from '../../platform/db/db.ts';
import { nonPublicAddress } from '../../platform/net/addresses.ts';
import type { PushSubscriptionJson } from './notifications.push.ts';

/**
 * A patient's Web Push subscriptions, one per browser. The endpoint is a capability URL: it and
 * the keys are stored encrypted by the vault and found by their digest, and never logged.
 */
const at = (organizationId: string, rowId: string) => ({
  organizationId,
  dataClass: 'identifiers' as const,
  table: 'push_subscriptions',
  column: 'subscription',
  rowId,
});

/** push_subscriptions for key management: inventory counts and re-encryption. */
export const pushSubscriptionsTable = sealedColumnTable({
  table: 'push_subscriptions',
  column: 'subscription',
  dataClass: 'identifiers',
});

export function endpointDigest(endpoint: string): Buffer {
  return createHash('sha256').update(endpoint).digest();
}

/**
 * Why an endpoint is refused, or null: https (http too in development), no credentials, and a
 * host that is (and resolves only to) a public address — the push service is called by the server.
 */
export async function endpointProblem(
  endpoint: string,
  development: boolean,
): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(endpoint);
  } catch {
    return 'must be a URL';
  }
  if (u.protocol !== 'https:' && !(development && u.protocol === 'http:')) return 'must be https';
  if (u.username || u.password) return 'must not carry credentials';
  if (development) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (r) => r.map((a) => a.address),
        () => [],
      );
  if (addresses.length === 0) return 'host does not resolve';
  return addresses.some((a) => nonPublicAddress(a)) ? 'must be a public push service' : null;
}

export async function saveSubscription(
  q: Queryable,
  vault: Vault,
  s: { organizationId: string; patientId: string; accountId: string; now: Date },
  sub: PushSubscriptionJson,
): Promise<string> {
  const digest = endpointDigest(sub.endpoint);
  // A browser subscribed again (or by another account on the device) is one row: the newest.
  await q.query(`delete from push_subscriptions where endpoint_digest = $1`, [digest]);
  const id = randomUUID();
  const sealed = await vault.encrypt(q, at(s.organizationId, id), JSON.stringify(sub));
  await q.query(
    `insert into push_subscriptions
       (id, organization_id, patient_id, account_id, endpoint_digest, subscription, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [id, s.organizationId, s.patientId, s.accountId, digest, sealed, s.now],
  );
  return id;
}

export interface SubscriptionRow {
  id: string;
  createdAt: string;
  /** The push service's origin (which browser vendor), never the endpoint itself. */
  service: string;
  sub: PushSubscriptionJson;
}

export async function subscriptionsOf(
  q: Queryable,
  vault: Vault,
  organizationId: string,
  patientId: string,
): Promise<SubscriptionRow[]> {
  const { rows } = await q.query<{ id: string; created_at: Date; subscription: Buffer }>(
    `select id, created_at, subscription from push_subscriptions
      where organization_id = $1 and patient_id = $2 order by created_at desc, id`,
    [organizationId, patientId],
  );
  const out: SubscriptionRow[] = [];
  for (const r of rows) {
    const sub = JSON.parse(
      await vault.decrypt(q, at(organizationId, r.id), r.subscription),
    ) as PushSubscriptionJson;
    out.push({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      service: new URL(sub.endpoint).origin,
      sub,
    });
  }
  return out;
}

/** The most browsers one message is pushed to (the newest ones the patient turned push on in). */
export const PUSH_BROWSERS = 5;

/**
 * The push address of each of these patients: every browser they turned push on in (the newest
 * `PUSH_BROWSERS`), as the adapter's JSON array (one statement, decrypted a batch at a time).
 * Absent without one. A subscription that fails its integrity check is left out; only when all
 * of a patient's fail is the address a RecordUnreadable (the message fails, as for any channel).
 */
export async function patientSubscriptions(
  q: Queryable,
  vault: Vault,
  organizationId: string,
  patientIds: readonly string[],
): Promise<Map<string, string | RecordUnreadable>> {
  if (patientIds.length === 0) return new Map();
  const { rows } = await q.query<{ id: string; patient_id: string; subscription: Buffer }>(
    `select id, patient_id, subscription from (
       select id, patient_id, subscription, created_at,
              row_number() over (partition by patient_id order by created_at desc, id) as n
         from push_subscriptions
        where organization_id = $1 and patient_id = any($2::uuid[])) s
      where n <= $3
      order by patient_id, created_at desc, id`,
    [organizationId, patientIds, PUSH_BROWSERS],
  );
  const plain = await decryptEach(
    vault,
    q,
    rows.map((r) => ({ at: at(organizationId, r.id), ciphertext: r.subscription })),
  );
  const byPatient = new Map<string, (string | RecordUnreadable)[]>();
  rows.forEach((r, i) => {
    const subs = byPatient.get(r.patient_id) ?? [];
    if (subs.length === 0) byPatient.set(r.patient_id, subs);
    subs.push(plain[i]!);
  });
  const out = new Map<string, string | RecordUnreadable>();
  for (const [patient, subs] of byPatient) {
    // The stored JSON is each subscription as the adapter takes it.
    const readable = subs.filter((x): x is string => typeof x === 'string');
    out.set(patient, readable.length > 0 ? `[${readable.join(',')}]` : subs[0]!);
  }
  return out;
}

/** Removes the patient's subscription by id, or (the push service said gone) by endpoint. */
export async function removeSubscription(
  q: Queryable,
  where: { organizationId: string; patientId: string; id: string } | { endpoint: string },
): Promise<boolean> {
  const { rowCount } =
    'endpoint' in where
      ? await q.query(`delete from push_subscriptions where endpoint_digest = $1`, [
          endpointDigest(where.endpoint),
        ])
      : await q.query(
          `delete from push_subscriptions where id = $1 and organization_id = $2 and patient_id = $3`,
          [where.id, where.organizationId, where.patientId],
        );
  return (rowCount ?? 0) > 0;
}
