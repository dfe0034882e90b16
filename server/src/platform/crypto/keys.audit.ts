import type { Queryable } from '../db/db.ts';
import type { Actor } from '../http/actor.ts';
import type { AuditEntry } from '../http/route.ts';

/**
 * Where key management writes its audit events: the audit module's writer, handed in where the
 * CLI and the jobs are wired (main.ts, app.ts), so platform code never imports a module.
 */
export interface AuditWriter {
  record(entry: AuditEntry, tx?: Queryable): Promise<void>;
}

export type KeyEvent = Omit<AuditEntry, 'actor' | 'outcome'> & { outcome?: AuditEntry['outcome'] };

/** Key management's events, every one by the same system actor (the CLI or a job). */
export interface KeyAudit {
  record(event: KeyEvent, tx?: Queryable): Promise<void>;
  /**
   * One event per organization for what a command did to keys grouped by organization (ids
   * only), or one event without organization or ids when it touched none: every run leaves one.
   */
  perOrganization(
    event: Omit<KeyEvent, 'organizationId' | 'resourceIds'>,
    ids: { organizationId: string; id: string }[],
    tx?: Queryable,
  ): Promise<void>;
  /**
   * A `failed` event for a step that threw (whatever it wrote rolled back with it). Never throws:
   * when the trail cannot be written either, the step's own error is the one to report.
   */
  failed(event: Pick<KeyEvent, 'action' | 'resourceType'>): Promise<void>;
}

export function keyAudit(writer: AuditWriter, job: string): KeyAudit {
  const actor: Actor = { type: 'system', job };
  const record = (event: KeyEvent, tx?: Queryable) =>
    writer.record({ outcome: 'success', ...event, actor }, tx);
  return {
    record,
    async perOrganization(event, ids, tx) {
      const byOrg = new Map<string, string[]>();
      for (const k of ids)
        byOrg.set(k.organizationId, [...(byOrg.get(k.organizationId) ?? []), k.id]);
      if (byOrg.size === 0) await record({ ...event, organizationId: null, resourceIds: [] }, tx);
      for (const [organizationId, resourceIds] of byOrg) {
        await record({ ...event, organizationId, resourceIds }, tx);
      }
    },
    async failed(event) {
      await record({ ...event, organizationId: null, outcome: 'failed' }).catch(() => undefined);
    },
  };
}
