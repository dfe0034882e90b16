/**
 * SMART system scopes (`system/Appointment.rs`, v1's `system/Appointment.read`): what a backend
 * service may do with which resource type. v2 letters: c create, r read, u update, d delete,
 * s search; v1 `read` is rs, `write` cud, `*` all.
 */

export type Permission = 'c' | 'r' | 'u' | 'd' | 's';

/** The resource types a system scope may name (what the endpoint serves; `*` for every one). */
export const scopedTypes = ['Appointment', 'Patient'] as const;

const scopePattern = /^system\/(\*|[A-Z][A-Za-z]{1,63})\.(\*|read|write|c?r?u?d?s?)$/;

export interface Scope {
  type: string;
  permissions: Set<Permission>;
}

export function parseScope(text: string): Scope | undefined {
  const m = scopePattern.exec(text);
  if (!m || m[2] === '') return undefined;
  const [, type, access] = m as unknown as [string, string, string];
  if (type !== '*' && !(scopedTypes as readonly string[]).includes(type)) return undefined;
  const letters =
    access === '*' ? 'cruds' : access === 'read' ? 'rs' : access === 'write' ? 'cud' : access;
  return { type, permissions: new Set(letters.split('') as Permission[]) };
}

/** Whether any of the scopes grants the permission on the type. */
export function grantsSystemScope(
  scopes: readonly string[],
  type: string,
  permission: Permission,
): boolean {
  return scopes.some((s) => {
    const scope = parseScope(s);
    return (
      scope !== undefined &&
      (scope.type === '*' || scope.type === type) &&
      scope.permissions.has(permission)
    );
  });
}

/**
 * What a token is granted: each requested scope the client is registered for (a requested
 * scope is granted when one registered scope covers all its permissions).
 */
export function grantedScopes(requested: readonly string[], registered: readonly string[]) {
  return requested.filter((text) => {
    const asked = parseScope(text);
    if (!asked) return false;
    return registered.some((r) => {
      const have = parseScope(r);
      return (
        have !== undefined &&
        (have.type === '*' || have.type === asked.type) &&
        [...asked.permissions].every((p) => have.permissions.has(p))
      );
    });
  });
}
