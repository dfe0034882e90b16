import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/db.ts';
import { actorId } from '../../platform/http/actor.ts';
import { currentRequest } from '../../platform/http/request-context.ts';
import type { AuditEntry, AuditSink } from '../../platform/http/route.ts';
import {
  eventInStatement,
  insertAuditEvent,
  type EventInStatement,
  type NewAuditRow,
} from './audit.store.ts';

export type { AuditEntry };

export interface Audit extends AuditSink {
  record(entry: AuditEntry, tx?: Queryable): Promise<void>;
  /**
   * The event as part of a write statement of the caller's own (see eventInStatement): `about`
   * names the statement's CTE returning the id the event is about. The caller must run it.
   */
  inStatement(entry: AuditEntry, about: string): EventInStatement;
}

export type { EventInStatement };

/** Digest of a User-Agent header: enough to tell devices apart in alerts, not to read it back. */
export function userAgentDigest(userAgent: string): string {
  return createHash('sha256').update(userAgent).digest('hex').slice(0, 32);
}

/**
 * The audit trail's write side. Ids only, never PHI values. Pass the transaction of the change
 * being audited as `tx` so the event commits or rolls back with it.
 */
export function createAudit(db: Queryable): Audit {
  return {
    async record(entry: AuditEntry, tx?: Queryable) {
      const target = tx ?? db;
      await insertAuditEvent(target, auditRow(entry));
      // Counted once written. Through the database itself (not a transaction in progress, which
      // has no `transaction` of its own), the event is committed already: a refusal written so
      // stands for the request's (route.ts writes no second one).
      const request = currentRequest();
      if (!request) return;
      request.eventsRecorded++;
      if ('transaction' in target && entry.outcome !== 'success') request.refusalsCommitted++;
    },
    inStatement(entry, about) {
      // Counted now: the caller runs the statement, and a request whose write failed is not a
      // success the count could stand for.
      const request = currentRequest();
      if (request) request.eventsRecorded++;
      return eventInStatement(auditRow(entry), about);
    },
  };
}

/** The stored row of an entry. An event written by a service during a request carries the request's id and source. */
function auditRow(entry: AuditEntry): NewAuditRow {
  const { actor } = entry;
  const request = currentRequest();
  return {
    organization_id:
      entry.organizationId ?? ('organizationId' in actor ? actor.organizationId : null),
    // An integration client's token (SMART Backend Services) is a system, not a person's account.
    actor_type:
      actor.type === 'user' && actor.roles.includes('integration') ? 'integration' : actor.type,
    actor_id: actorId(actor),
    // A guest session (no account) is told apart from a patient's account in the trail.
    actor_role:
      actor.type === 'user'
        ? actor.roles.join(',')
        : actor.type === 'patient' && actor.guest
          ? 'guest'
          : null,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId ?? null,
    resource_ids: entry.resourceIds ? [...entry.resourceIds] : null,
    patient_id: entry.patientId ?? null,
    outcome: entry.outcome,
    request_id: entry.requestId ?? request?.requestId ?? null,
    source_ip: entry.ip ?? request?.ip ?? null,
    user_agent_digest: digestOf(entry.userAgent ?? request?.userAgent),
    source_country: entry.country ?? null,
  };
}

function digestOf(userAgent: string | null | undefined): string | null {
  return userAgent ? userAgentDigest(userAgent) : null;
}
