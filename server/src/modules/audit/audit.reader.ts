import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { toCsv, toFhirNdjson, toView } from './audit.export.ts';
import { mayReadAuditLog } from './audit.policy.ts';
import type {
  AuditFilter,
  AuditSearchQuery,
  AuditEventView,
  DisclosureReport,
} from './audit.schema.ts';
import { createAudit } from './audit.service.ts';
import { searchAuditEvents, type CanonicalRow } from './audit.store.ts';

/** Most events one export or accounting holds; the rest follow with `after` set to its `next`. */
export const exportLimit = 100_000;

/** Keeps the first `limit` of `limit + 1` rows read, and says where the rest continue. */
function capped(
  rows: CanonicalRow[],
  limit: number,
): { rows: CanonicalRow[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: kept.at(-1)!.seq };
}

export interface AuditContext {
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * The compliance side of the audit trail: search, export, accounting of disclosures. Each is
 * itself audited in the same transaction as the read, naming the events it returned.
 */
export function createAuditReader(db: Db, opts: { limit?: number } = {}) {
  const audit = createAudit(db);
  const limit = opts.limit ?? exportLimit;

  async function guarded<T>(
    actor: Actor,
    action: string,
    ctx: AuditContext,
    patientId: string | undefined,
    read: (organizationId: string, tx: Queryable) => Promise<{ result: T; ids: string[] }>,
  ): Promise<T> {
    const base = {
      actor,
      action,
      resourceType: 'audit_event',
      patientId: patientId ?? null,
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
    };
    if (!mayReadAuditLog(actor)) {
      await audit.record({ ...base, outcome: 'denied' });
      throw new Forbidden('Only compliance officers may read the audit log.');
    }
    return db.transaction(async (tx) => {
      const { result, ids } = await read(actor.organizationId, tx);
      await audit.record({ ...base, resourceIds: ids, outcome: 'success' }, tx);
      return result;
    });
  }

  return {
    async search(
      actor: Actor,
      query: AuditSearchQuery,
      ctx: AuditContext = {},
    ): Promise<{ events: AuditEventView[]; next: string | null }> {
      return guarded(actor, 'audit.search', ctx, query.patientId, async (org, tx) => {
        const rows = await searchAuditEvents(tx, org, { ...query, limit: query.limit + 1 });
        const page = rows.slice(0, query.limit);
        const next = rows.length > query.limit ? page.at(-1)!.seq : null;
        return { result: { events: page.map(toView), next }, ids: page.map((r) => r.id) };
      });
    },

    async export(
      actor: Actor,
      filter: AuditFilter & { after?: string | undefined },
      format: 'csv' | 'fhir-ndjson',
      ctx: AuditContext = {},
    ): Promise<{ body: string; next: string | null }> {
      return guarded(actor, 'audit.export', ctx, filter.patientId, async (org, tx) => {
        const { rows, next } = capped(
          await searchAuditEvents(tx, org, { ...filter, limit: limit + 1, oldestFirst: true }),
          limit,
        );
        return {
          result: { body: format === 'csv' ? toCsv(rows) : toFhirNdjson(rows), next },
          ids: rows.map((r) => r.id),
        };
      });
    },

    /**
     * Accounting of disclosures (HIPAA §164.528): every access to and disclosure of one patient's
     * record in a period, oldest first, in words a patient can read.
     */
    async disclosures(
      actor: Actor,
      patientId: string,
      query: { from: string; to: string; after?: string | undefined },
      ctx: AuditContext = {},
    ): Promise<DisclosureReport> {
      const period = { from: query.from, to: query.to };
      return guarded(actor, 'audit.accounting', ctx, patientId, async (org, tx) => {
        const { rows, next } = capped(
          await searchAuditEvents(tx, org, {
            patientId,
            ...period,
            after: query.after,
            outcome: 'success',
            limit: limit + 1,
            oldestFirst: true,
          }),
          limit,
        );
        const disclosed = rows.filter((r) => !r.action.startsWith('audit.'));
        return {
          result: {
            patientId,
            period,
            generatedAt: new Date().toISOString(),
            entries: disclosed.map((r) => ({
              when: r.occurred_at,
              who: { type: r.actor_type, id: r.actor_id, role: r.actor_role },
              action: r.action,
              what: r.resource_type,
              outcome: r.outcome,
              eventId: r.id,
            })),
            truncated: next !== null,
            next,
          },
          ids: disclosed.map((r) => r.id),
        };
      });
    },
  };
}

export type AuditReader = ReturnType<typeof createAuditReader>;
