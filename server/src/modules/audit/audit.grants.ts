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
