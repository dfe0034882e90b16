import { z } from 'zod';
import type { Queryable } from '../../platform/db/db.ts';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { patient } from '../access/access.policy.ts';
import { proxyScopes } from './patients.schema.ts';

/**
 * Dependants: the patients a signed-in account may act for right now, through a proxy or guardian
 * consent in force (granted, not revoked, not past `valid_until`). Both scopes cover scheduling.
 * `actsFor` is the one question other modules (booking) ask before they let an account book,
 * view or cancel for a patient other than its own record.
 */

export const dependantSchema = z
  .object({
    patientId: z.uuid(),
    displayName: z.string().describe('As the clinic shows the patient to the people who book'),
    kind: z.enum(['proxy', 'guardian']),
    scope: z.enum(proxyScopes),
  })
  .meta({ id: 'Dependant' });
export type Dependant = z.infer<typeof dependantSchema>;

const inForce = `organization_id = $1 and proxy_account_id = $2 and revoked_at is null
  and granted_at <= $3 and (valid_until is null or valid_until > $3)`;

/** Whether a consent in force lets the account act for the patient at `at`. */
export async function actsFor(
  db: Queryable,
  organizationId: string,
  accountId: string,
  patientId: string,
  at: Date,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from patient_proxies where ${inForce} and patient_id = $4 limit 1`,
    [organizationId, accountId, at, patientId],
  );
  return rows.length > 0;
}

async function consentsOf(db: Queryable, organizationId: string, accountId: string, at: Date) {
  const { rows } = await db.query<{
    patient_id: string;
    kind: Dependant['kind'];
    scope: Dependant['scope'];
  }>(
    `select patient_id, kind, scope from patient_proxies where ${inForce}
      order by granted_at, id`,
    [organizationId, accountId, at],
  );
  // One entry a patient: the widest scope, a guardian before a proxy.
  const byPatient = new Map<string, Omit<Dependant, 'displayName'>>();
  for (const r of rows) {
    const seen = byPatient.get(r.patient_id);
    byPatient.set(r.patient_id, {
      patientId: r.patient_id,
      kind: seen?.kind === 'guardian' ? 'guardian' : r.kind,
      scope: seen?.scope === 'scheduling_and_messages' ? seen.scope : r.scope,
    });
  }
  return [...byPatient.values()];
}

export interface DependantsDeps {
  db: Queryable;
  now: () => number;
  /** The patients module's batch of display names (decrypted once for the list). */
  names: (organizationId: string, ids: readonly string[]) => Promise<Map<string, string>>;
}

/** GET /api/me/dependants: signed-in patient accounts only; audited with the ids listed. */
export function dependantsRoutes(app: App, deps: DependantsDeps) {
  route(app, {
    method: 'GET',
    url: '/api/me/dependants',
    access: patient,
    audit: { action: 'patient.dependants.list', resourceType: 'patient' },
    schema: {
      summary: 'The patients I may book for (proxy or guardian consents in force), not myself',
      tags: ['patients'],
      response: { 200: z.object({ dependants: z.array(dependantSchema) }) },
    },
    handler: async (req, reply) => {
      const a = req.actor;
      if (a.type !== 'patient') throw new Forbidden();
      const found = await consentsOf(deps.db, a.organizationId, a.id, new Date(deps.now()));
      const others = found.filter((d) => d.patientId !== a.patientId);
      const names = await deps.names(
        a.organizationId,
        others.map((d) => d.patientId),
      );
      const dependants = others
        .filter((d) => names.has(d.patientId))
        .map((d) => ({ ...d, displayName: names.get(d.patientId)! }));
      req.audited.resourceIds = dependants.map((d) => d.patientId);
      reply.header('cache-control', 'no-store');
      return { dependants };
    },
  });
}
