import type { Queryable } from '../../platform/db/db.ts';

/**
 * What other modules show beside their own records (an appointment's type, provider and place),
 * read by id from the directory's tables in one statement: booking asks here instead of joining
 * them. Public directory data only.
 */

export interface TypeSummary {
  id: string;
  name: string;
  instructions: string;
  cancelCutoffHours: number;
  rescheduleCutoffHours: number;
}
export interface ProviderSummary {
  id: string;
  displayName: string;
}
export interface LocationSummary {
  id: string;
  name: string;
  timeZone: string;
  address: { line: string; city: string; region: string; postalCode: string; country: string };
  phone: string;
}

export interface DirectoryNames {
  organizationName: string;
  types: Map<string, TypeSummary>;
  providers: Map<string, ProviderSummary>;
  locations: Map<string, LocationSummary>;
}

interface Row {
  organization_name: string;
  types: TypeSummary[];
  providers: ProviderSummary[];
  locations: LocationSummary[];
}

/** The names (and what the portal shows) of these types, providers and locations, inactive ones too. */
export async function directoryNames(
  db: Queryable,
  organizationId: string,
  ids: { typeIds: string[]; providerIds: string[]; locationIds: string[] },
): Promise<DirectoryNames> {
  const { rows } = await db.query<Row>(
    `select
       (select name from organizations where id = $1) as organization_name,
       (select coalesce(json_agg(json_build_object('id', t.id, 'name', t.name,
          'instructions', t.instructions, 'cancelCutoffHours', t.cancel_cutoff_hours,
          'rescheduleCutoffHours', t.reschedule_cutoff_hours)), '[]')
          from appointment_types t where t.organization_id = $1 and t.id = any($2::uuid[])) as types,
       (select coalesce(json_agg(json_build_object('id', p.id, 'displayName', p.display_name)), '[]')
          from providers p where p.organization_id = $1 and p.id = any($3::uuid[])) as providers,
       (select coalesce(json_agg(json_build_object('id', l.id, 'name', l.name,
          'timeZone', l.time_zone, 'phone', l.phone,
          'address', json_build_object('line', l.address_line, 'city', l.city,
            'region', l.region, 'postalCode', l.postal_code, 'country', l.country))), '[]')
          from locations l where l.organization_id = $1 and l.id = any($4::uuid[])) as locations`,
    [organizationId, ids.typeIds, ids.providerIds, ids.locationIds],
  );
  const r = rows[0]!;
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  return {
    organizationName: r.organization_name,
    types: byId(r.types),
    providers: byId(r.providers),
    locations: byId(r.locations),
  };
}
