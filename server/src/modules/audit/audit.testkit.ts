import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { fileWitness, type Witness } from './audit.checkpoint.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { createAlertRules, type AlertRuleInput } from './audit.alert-rules.ts';
import type { AlertEngine } from './audit.alerts.ts';
import type { AlertRow } from './audit.alerts.store.ts';
import { createSealer, type Sealer } from './audit.sealer.ts';
import { createAudit } from './audit.service.ts';
import { listAuditEvents } from './audit.store.ts';
import { signerFromKey, type AuditSigner } from './audit.signing.ts';

// Shared by the audit module's tests: a throwaway key, a witness in a temporary directory, and
// events that look like a clinic's day.

/**
 * Sealer settings for tests: on a PostgreSQL cluster shared with other suites, transactions of
 * other databases can run for seconds, and a test seals once and expects the result. Production
 * keeps the short default and tries again at the next tick.
 */
export const settleGenerously = { settleTries: 500, settleWaitMs: 20 } as const;

/**
 * Seals every event recorded so far, and fails loudly if it cannot. One `sealOnce` seals nothing
 * when a transaction it saw running is still open after the settle budget (on a cluster shared with
 * other suites under load, another database's transaction can stay open longer than that), and a
 * later one may then seal two batches as one checkpoint: a test that expects given checkpoint
 * ranges seals each batch with this instead.
 */
export async function sealEverything(sealer: Sealer, db: Queryable): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await sealer.sealOnce();
    const { rows } = await db.query<{ unsealed: boolean }>(
      `select exists (select 1 from audit_events
         where seq > (select coalesce(max(last_seq), 0) from audit_checkpoints)) as unsealed`,
    );
    if (!rows[0]!.unsealed) return;
  }
  throw new Error('the audit trail could not be sealed: a transaction stayed open too long');
}

/** Seals everything recorded so far with a throwaway key and no witness. */
export async function sealWithThrowawayKey(db: Db): Promise<void> {
  const sealer = createSealer({
    ...settleGenerously,
    db,
    signer: newSigner(),
    witnesses: [],
  });
  await sealEverything(sealer, db);
}

/** Adds an alert rule to an organization of the app, as one of its compliance officers would. */
export async function addAlertRule(
  h: { db: Db; vault: Vault },
  organizationId: string,
  rule: AlertRuleInput['rule'],
): Promise<void> {
  const officer: Actor = {
    type: 'user',
    id: `officer-${organizationId.slice(0, 8)}`,
    organizationId,
    roles: ['compliance_officer'],
  };
  await createAlertRules(h.db, { vault: h.vault, webhooks: { allowPrivate: false } }).create(
    officer,
    { rule },
  );
}

/** Seals what was recorded with a throwaway key, then runs the app's alert engine over it. */
export async function sealAndRunAlerts(h: { db: Db; alerts: AlertEngine }): Promise<AlertRow[]> {
  await sealWithThrowawayKey(h.db);
  return h.alerts.runOnce();
}

export function newSigner(): AuditSigner {
  return signerFromKey(generateKeyPairSync('ed25519').privateKey);
}

export function tempWitness(): Witness & { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'hourglass-witness-'));
  return { ...fileWitness(dir), dir };
}

export const orgId = '00000000-0000-4000-8000-0000000000a1';
export const frontDesk: Actor = {
  type: 'user',
  id: 'u_front_desk',
  organizationId: orgId,
  roles: ['front_desk'],
};

export function patientNo(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** Records n patient-record reads, one per patient, and returns their request ids. */
export async function recordReads(db: Db | Queryable, n: number, from = 1): Promise<string[]> {
  const audit = createAudit(db);
  const ids: string[] = [];
  for (let i = from; i < from + n; i++) {
    const requestId = `req_${i}`;
    await audit.record({
      actor: frontDesk,
      action: 'patient.read',
      resourceType: 'patient',
      resourceId: patientNo(i),
      patientId: patientNo(i),
      outcome: 'success',
      requestId,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (clinic front desk)',
    });
    ids.push(requestId);
  }
  return ids;
}

/** What an attacker with superuser rights does first: switch the append-only triggers off. */
export async function asAttacker(db: Db, sql: string[]): Promise<void> {
  await db.exec('alter table audit_events disable trigger user');
  await db.exec('alter table audit_checkpoints disable trigger user');
  for (const s of sql) await db.exec(s);
  await db.exec('alter table audit_events enable trigger user');
  await db.exec('alter table audit_checkpoints enable trigger user');
}

/** Drives one request through the real app and returns it with the audit events it left. */
export async function driveAndCollect(
  h: {
    app: {
      inject: (
        o: object,
      ) => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
    };
    db: Db;
  },
  request: { method: string; url: string; headers?: Record<string, string>; payload?: object },
) {
  const res = await h.app.inject(request);
  const requestId = String(res.headers['x-request-id']);
  const events = await listAuditEvents(h.db, { requestId });
  return { res, events };
}
