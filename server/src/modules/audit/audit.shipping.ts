import { facilities, type SyslogClient } from '../../platform/log/syslog.ts';
import type { SignedCheckpoint } from './audit.checkpoint.ts';
import type { CanonicalRow } from './audit.store.ts';

const notice = 5;

/**
 * Ships sealed audit events, then their checkpoint, to syslog (facility 13, "log audit"): each
 * event exactly once, in sequence order, only after it is final. The checkpoint line makes the
 * central store a second witness of the chain.
 */
export function shipAuditEvents(client: SyslogClient) {
  return (checkpoint: SignedCheckpoint, events: CanonicalRow[]) => {
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
