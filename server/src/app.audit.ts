import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';
import type { Vault } from './platform/crypto/vault.ts';
import type { Db } from './platform/db/db.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import type { Logger } from './platform/log/log.ts';
import type { SyslogClient } from './platform/log/syslog.ts';
import type { Mailer } from './platform/mail/mail.ts';
import type { Clock } from './platform/time/clock.ts';
import { createAlertEngine } from './modules/audit/audit.alerts.ts';
import { createAlertQueues, startAlertDelivery } from './modules/audit/audit.alerts.delivery.ts';
import { fileWitness } from './modules/audit/audit.checkpoint.ts';
import { createSealer } from './modules/audit/audit.sealer.ts';
import { auditShipping } from './modules/audit/audit.shipping.ts';
import { loadAuditSigner } from './modules/audit/audit.signing.ts';
import { createAuditVerification } from './modules/audit/audit.verification.ts';
import { encryptClearWebhookSecrets } from './modules/audit/audit.webhook-secrets.ts';
import { complianceOfficers } from './modules/identity/identity.officers.ts';

/**
 * The audit trail's moving parts, composed from config: the alert engine and its delivery, the
 * sealer (when sealing is on), and verification runs. Routes and shutdown hooks stay in app.ts.
 */
export async function createAuditParts(deps: {
  config: Config;
  db: Db;
  vault: Vault;
  mailer: Mailer;
  log: Logger;
  clock: Clock;
  jobs: Jobs | undefined;
  syslog: SyslogClient | undefined;
  logStream: DestinationStream | undefined;
}) {
  const { config, db, vault, mailer, log, clock, jobs } = deps;
  await encryptClearWebhookSecrets(db, vault);
  const webhooks = { allowPrivate: config.audit.webhookAllowPrivate };
  const alerts = createAlertEngine({
    db,
    log,
    ...(jobs ? { deliveries: await createAlertQueues(jobs) } : {}),
  });
  if (jobs) {
    await startAlertDelivery(jobs, {
      db,
      vault,
      mailer,
      log,
      recipients: complianceOfficers(vault),
      publicUrl: config.publicUrl,
      webhooks,
    });
  }
  const witnesses = [fileWitness(config.audit.witnessDir)];
  const sealer =
    config.audit.sealIntervalMs > 0
      ? createSealer({
          db,
          signer: await loadAuditSigner(config, { create: config.profile !== 'production' }),
          witnesses,
          log,
          afterRun: () => alerts.runOnce(),
          ...auditShipping(config, deps.syslog, deps.logStream),
        })
      : undefined;
  const verification = createAuditVerification({
    db,
    clock,
    log,
    // The key the sealer signs with; never created here (a new key would fail every checkpoint).
    signer: () => loadAuditSigner(config, { create: false }),
    witnesses,
    onReport: (report) => alerts.reportVerification(report),
  });
  return { webhooks, alerts, sealer, verification };
}
