import type { DestinationStream } from 'pino';
import type { Config } from '../../config.ts';
import { createLogger, type Logger } from '../../platform/log/log.ts';
import { facilities, type SyslogClient } from '../../platform/log/syslog.ts';
import type { SignedCheckpoint } from './audit.checkpoint.ts';
import type { CanonicalRow } from './audit.store.ts';

const notice = 5;

type OnSealed = (checkpoint: SignedCheckpoint, events: CanonicalRow[]) => void;

/**
 * Ships sealed audit events, then their checkpoint: as JSON lines on stdout through a logger
 * (`stdout`), and to syslog (facility 13, "log audit"). Each event goes out exactly once, in
 * sequence order, only after it is final; the checkpoint line makes the log store a second witness
 * of the chain. Events hold ids and codes only, never PHI, so they are logged whole.
 */
export function shipAuditEvents(to: {
  stdout?: Logger;
  syslog?: SyslogClient;
}): OnSealed | undefined {
  const targets = [to.stdout && toStdout(to.stdout), to.syslog && toSyslog(to.syslog)].filter(
    (t): t is OnSealed => t !== undefined,
  );
  if (targets.length === 0) return undefined;
  return (checkpoint, events) => {
    for (const ship of targets) ship(checkpoint, events);
  };
}

/**
 * The sealer's `onSealed` for what the config asks: stdout unless `HOURGLASS_AUDIT_LOG_STDOUT=false`
 * (on its own logger at level info, so the app's log level cannot hide audit events, and not through
 * the app's syslog stream, which ships them under the audit facility already), syslog when set.
 */
export function auditShipping(
  config: Config,
  syslog: SyslogClient | undefined,
  stdout?: DestinationStream,
): { onSealed?: OnSealed } {
  const onSealed = shipAuditEvents({
    ...(config.audit.logToStdout ? { stdout: createLogger('info', stdout) } : {}),
    ...(syslog ? { syslog } : {}),
  });
  return onSealed ? { onSealed } : {};
}

function toStdout(log: Logger): OnSealed {
  return (checkpoint, events) => {
    for (const e of events) log.info({ type: 'audit_event', event: e }, 'audit event');
    log.info({ type: 'audit_checkpoint', checkpoint }, 'audit checkpoint');
  };
}

function toSyslog(client: SyslogClient): OnSealed {
  return (checkpoint, events) => {
    for (const e of events) {
      client.send({
        facility: facilities.audit,
        severity: notice,
        msgId: 'audit',
        message: JSON.stringify({ type: 'audit_event', ...e }),
      });
    }
    client.send({
      facility: facilities.audit,
      severity: notice,
      msgId: 'checkpoint',
      message: JSON.stringify({ type: 'audit_checkpoint', ...checkpoint }),
    });
  };
}
