import type { Queryable } from '../../platform/db/db.ts';
import type { Location } from '../directory/directory.schema.ts';
import {
  listAppointmentTypes,
  listProviders,
  type AppointmentType,
  type Provider,
} from '../directory/directory.rules-service.ts';
import {
  findOrganizationBySlug,
  listLocations,
  listOrganizations,
} from '../directory/directory.service.ts';

/**
 * The public directory of every organization served here, read through the directory's published
 * functions: what the FHIR resources are built from. Public data only (no PHI); active providers
 * and appointment types only, as the REST directory shows them.
 */
export interface CatalogOrganization {
  id: string;
  slug: string;
  name: string;
  locations: Location[];
  providers: Provider[];
  types: AppointmentType[];
}

export async function loadCatalog(db: Queryable): Promise<CatalogOrganization[]> {
  const summaries = await listOrganizations(db);
  return Promise.all(
    summaries.map(async (s) => {
      const org = (await findOrganizationBySlug(db, s.slug))!;
      const [locations, providers, types] = await Promise.all([
        listLocations(db, org.id),
        listProviders(db, org.id),
        listAppointmentTypes(db, org.id),
      ]);
      return { id: org.id, slug: org.slug, name: org.name, locations, providers, types };
    }),
  );
}
