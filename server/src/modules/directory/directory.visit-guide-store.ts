import type { Queryable } from '../../platform/db/db.ts';
import type { VisitGuide } from './directory.visit-guide.ts';

/** The SQL of visit_guides: one guide per organization, replaced whole. */

export async function findVisitGuide(db: Queryable, organizationId: string) {
  const { rows } = await db.query<{ guide: VisitGuide; version: number }>(
    'select guide, version from visit_guides where organization_id = $1',
    [organizationId],
  );
  return rows[0];
}

/** Stores the guide (a new one, or in place of the old); returns its version. */
export async function saveVisitGuide(
  db: Queryable,
  organizationId: string,
  guide: VisitGuide,
): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `insert into visit_guides (organization_id, guide) values ($1, $2::jsonb)
     on conflict (organization_id) do update
       set guide = excluded.guide, version = visit_guides.version + 1, updated_at = now()
     returning version`,
    [organizationId, JSON.stringify(guide)],
  );
  return rows[0]!.version;
}
