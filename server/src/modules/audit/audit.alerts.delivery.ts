import { createHmac } from 'node:crypto';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import {
  findAlert,
  setWebhookStatus,
  type AlertRow,
  type AlertRuleRow,
} from './audit.alerts.store.ts';
import { alertEmail } from './audit.alerts.email.ts';
import { createAudit } from './audit.service.ts';
import { openWebhookSecret } from './audit.webhook-secrets.ts';
import { postWebhook, WebhookRefused, type WebhookPolicy } from './audit.webhook.ts';

/**
 * Alert delivery beyond the in-app list: email to the organization's compliance officers and the
 * rule's webhook, each a pg-boss job sent in the transaction that records the alert (so a raised
 * alert is always delivered and a rolled-back one never is), retried with backoff on failure.
 * Every delivery and every failure writes an audit event (`audit.alert.email`,
 * `audit.alert.webhook`) by the system job; a retry skips officers already reached.
 */
export const alertEmailQueue = 'audit-alert-email';
export const alertWebhookQueue = 'audit-alert-webhook';

const retry = { retryLimit: 6, retryDelay: 30, retryBackoff: true } as const;
const deliveryActor: Actor = { type: 'system', job: 'audit.alert-delivery' };

/** Who receives alert email: the active compliance officers of one organization. */
export type AlertRecipients = (
  db: Queryable,
  organizationId: string,
) => Promise<{ accountId: string; email: string }[]>;

export interface AlertDeliveries {
  enqueue(tx: Queryable, rule: AlertRuleRow, alert: AlertRow): Promise<void>;
}

export async function createAlertQueues(jobs: Jobs): Promise<AlertDeliveries> {
  await jobs.boss.createQueue(alertEmailQueue);
  await jobs.boss.createQueue(alertWebhookQueue);
  return {
    async enqueue(tx, rule, alert) {
      if (rule.email) await jobs.send(alertEmailQueue, { alertId: alert.id }, { tx, ...retry });
      if (rule.webhook_url) {
        await jobs.send(alertWebhookQueue, { alertId: alert.id }, { tx, ...retry });
      }
    },
  };
}

export interface DeliveryDeps {
  db: Db;
  vault: Vault;
  mailer: Mailer;
  log: Logger;
  recipients: AlertRecipients;
  /** The origin of the links in alert email. */
  publicUrl: string;
  webhooks: WebhookPolicy;
}

/** Registers the two workers (every process runs them; pg-boss hands each job to one). */
export async function startAlertDelivery(jobs: Jobs, deps: DeliveryDeps): Promise<void> {
  const each =
    (deliver: (deps: DeliveryDeps, alertId: string) => Promise<void>) =>
    async (batch: { data: object }[]) => {
      for (const job of batch) await deliver(deps, (job.data as { alertId: string }).alertId);
    };
  const options = { pollingIntervalSeconds: 1 };
  await jobs.boss.work(alertEmailQueue, options, each(deliverAlertEmail));
  await jobs.boss.work(alertWebhookQueue, options, each(deliverAlertWebhook));
}

function record(
  deps: DeliveryDeps,
  alert: AlertRow,
  action: string,
  outcome: 'success' | 'failed',
  recipient?: string,
) {
  return createAudit(deps.db).record({
    actor: deliveryActor,
    action,
    resourceType: 'audit_alert',
    resourceId: alert.id,
    organizationId: alert.organization_id,
    outcome,
    ...(recipient ? { resourceIds: [recipient] } : {}),
  });
}

/** Officers this alert's email already reached (from the audit trail: the delivery ledger). */
async function alreadyReached(db: Queryable, alertId: string): Promise<Set<string>> {
  const { rows } = await db.query<{ account: string }>(
    `select unnest(resource_ids) as account from audit_events
      where action = 'audit.alert.email' and resource_type = 'audit_alert'
        and resource_id = $1 and outcome = 'success'`,
    [alertId],
  );
  return new Set(rows.map((r) => r.account));
}

export async function deliverAlertEmail(deps: DeliveryDeps, alertId: string): Promise<void> {
  const found = await findAlert(deps.db, alertId);
  if (!found) return;
  const { alert } = found;
  const reached = await alreadyReached(deps.db, alert.id);
  const message = alertEmail(alert, deps.publicUrl);
  let failed = 0;
  for (const officer of await deps.recipients(deps.db, alert.organization_id)) {
    if (reached.has(officer.accountId)) continue;
    try {
      await deps.mailer.send({ to: officer.email, ...message });
      await record(deps, alert, 'audit.alert.email', 'success', officer.accountId);
    } catch {
      failed++;
      await record(deps, alert, 'audit.alert.email', 'failed', officer.accountId);
    }
  }
  if (failed > 0) {
    deps.log.warn({ alertId: alert.id, failed }, 'alert email not delivered; will retry');
    throw new Error(`alert email to ${failed} officer(s) failed`);
  }
}

export async function deliverAlertWebhook(deps: DeliveryDeps, alertId: string): Promise<void> {
  const found = await findAlert(deps.db, alertId);
  const url = found?.rule.webhook_url;
  if (!found || !url) return;
  const { alert, rule } = found;
  const body = JSON.stringify({
    id: alert.id,
    kind: alert.kind,
    organizationId: alert.organization_id,
    subject: alert.subject,
    summary: alert.summary,
    eventIds: alert.event_ids,
    raisedAt: alert.raised_at.toISOString(),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (rule.webhook_secret_enc) {
    const secret = await openWebhookSecret(deps.db, deps.vault, {
      ...rule,
      webhook_secret_enc: rule.webhook_secret_enc,
    });
    headers['x-hourglass-signature'] =
      'sha256=' + createHmac('sha256', secret).update(body).digest('hex');
  }
  let status: string;
  let again: boolean;
  try {
    const code = await postWebhook(url, body, headers, deps.webhooks);
    status = code >= 200 && code < 300 ? 'delivered' : `failed: HTTP ${code}`;
    again = status !== 'delivered';
  } catch (err) {
    // A refused target stays refused: retrying would not change the answer.
    status =
      err instanceof WebhookRefused ? `refused: ${err.message}` : `failed: ${(err as Error).name}`;
    again = !(err instanceof WebhookRefused);
  }
  await setWebhookStatus(deps.db, alert.id, status);
  await record(deps, alert, 'audit.alert.webhook', status === 'delivered' ? 'success' : 'failed');
  if (status !== 'delivered') deps.log.warn({ alertId: alert.id, status }, 'alert webhook failed');
  if (again) throw new Error(`alert webhook ${status}`);
}
