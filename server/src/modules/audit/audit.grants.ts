import type { Queryable } from '../../platform/db/db.ts';
import type { Logger } from '../../platform/log/log.ts';

/**
 * On PostgreSQL the application role may only add to and read the audit trail; the owner (the
 * role that runs migrations) keeps the rest. docs/operations.md shows this for a deployment.
 */
export function auditGrantsSql(appRole: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole))
    throw new Error('role names are lowercase identifiers');
  return `
revoke all on audit_events, audit_checkpoints, audit_purges from ${appRole};
grant select, insert on audit_events, audit_checkpoints to ${appRole};
grant select on audit_purges to ${appRole};
`;
}

const auditTables = ['audit_events', 'audit_checkpoints'] as const;

/**
 * What the connected role could do to rewrite the audit trail: own its tables (and so switch the
 * append-only triggers off), or UPDATE, DELETE or TRUNCATE them. Empty for the app role above.
 */
export async function auditRewritePrivileges(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string; owner: boolean; privileges: string[] }>(
    `select t.name as table_name,
            pg_has_role(current_user, c.relowner, 'usage') as owner,
            array(select p from unnest(array['UPDATE', 'DELETE', 'TRUNCATE']) p
                   where has_table_privilege(current_user, c.oid, p)) as privileges
       from unnest($1::text[]) as t(name)
       join pg_class c on c.oid = to_regclass(t.name)`,
    [auditTables],
  );
  return rows.flatMap((r) => [
    ...(r.owner ? [`${r.table_name}: owner`] : []),
    ...r.privileges.map((p) => `${r.table_name}: ${p}`),
  ]);
}

/** At production start-up: say so when the app's own role could rewrite the audit trail. */
export async function warnIfAuditRewritable(db: Queryable, log: Logger): Promise<void> {
  const privileges = await auditRewritePrivileges(db);
  if (privileges.length === 0) return;
  log.warn(
    { privileges },
    'the database role of this server can change or remove audit events (it should only INSERT and SELECT them): run it as a role with the grants in docs/operations.md#the-audit-trail',
  );
}
