import type { CatalogOrganization } from './fhir.catalog.ts';
import {
  healthcareServiceResource,
  locationResource,
  organizationResource,
  practitionerResource,
  practitionerRoleResource,
  scheduleResource,
  schedulesOf,
  type FhirResource,
} from './fhir.resources.ts';
import type { SearchParams } from './fhir.search.ts';

/**
 * The public directory's resource types: how each is built from the catalog and which search
 * parameters it answers (FHIR R4's own names and meanings).
 */
export interface DirectoryType {
  type: string;
  build(catalog: readonly CatalogOrganization[]): FhirResource[];
  params: SearchParams;
}

interface Reference {
  reference: string;
}
interface Concept {
  coding?: { system?: string; code?: string }[];
}

/** The ids a reference field (one or a list) points to. */
const refs =
  (field: string) =>
  (r: FhirResource): string[] => {
    const v = r[field] as Reference | Reference[] | undefined;
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.map((x) => x.reference.slice(x.reference.indexOf('/') + 1));
  };

/** The `system|code` tokens of a CodeableConcept field (one or a list). */
const tokens =
  (field: string) =>
  (r: FhirResource): string[] => {
    const v = r[field] as Concept | Concept[] | undefined;
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.flatMap((c) => (c.coding ?? []).map((k) => `${k.system ?? ''}|${k.code ?? ''}`));
  };

const text = (field: string) => (r: FhirResource) =>
  typeof r[field] === 'string' ? [r[field]] : [];

export const directoryTypes: DirectoryType[] = [
  {
    type: 'Organization',
    build: (catalog) => catalog.map(organizationResource),
    params: {
      name: { type: 'string', documentation: 'The start of the name', values: text('name') },
      identifier: {
        type: 'token',
        documentation: 'The organization’s address (`urn:hourglass:organization|<slug>`)',
        values: (r) =>
          (r.identifier as { system: string; value: string }[]).map(
            (i) => `${i.system}|${i.value}`,
          ),
      },
    },
  },
  {
    type: 'Location',
    build: (catalog) => catalog.flatMap((o) => o.locations.map((l) => locationResource(o, l))),
    params: {
      name: { type: 'string', documentation: 'The start of the name', values: text('name') },
      organization: {
        type: 'reference',
        target: 'Organization',
        documentation: 'The organization the location belongs to',
        values: refs('managingOrganization'),
      },
      'address-city': {
        type: 'string',
        documentation: 'The start of the city',
        values: (r) => {
          const city = (r.address as { city?: string }).city;
          return city ? [city] : [];
        },
      },
      'address-postalcode': {
        type: 'string',
        documentation: 'The start of the postal code',
        values: (r) => {
          const code = (r.address as { postalCode?: string }).postalCode;
          return code ? [code] : [];
        },
      },
    },
  },
  {
    type: 'Practitioner',
    build: (catalog) => catalog.flatMap((o) => o.providers.map(practitionerResource)),
    params: {
      name: {
        type: 'string',
        documentation: 'The start of the name, or of any word in it',
        values: (r) =>
          (r.name as { text: string }[]).flatMap((n) => [n.text, ...n.text.split(/\s+/)]),
      },
    },
  },
  {
    type: 'PractitionerRole',
    build: (catalog) =>
      catalog.flatMap((o) => o.providers.map((p) => practitionerRoleResource(o, p))),
    params: {
      practitioner: {
        type: 'reference',
        target: 'Practitioner',
        documentation: 'The practitioner',
        values: refs('practitioner'),
      },
      organization: {
        type: 'reference',
        target: 'Organization',
        documentation: 'The organization',
        values: refs('organization'),
      },
      location: {
        type: 'reference',
        target: 'Location',
        documentation: 'A location the practitioner works at',
        values: refs('location'),
      },
      service: {
        type: 'reference',
        target: 'HealthcareService',
        documentation: 'A visit type the practitioner is booked for',
        values: refs('healthcareService'),
      },
      specialty: {
        type: 'token',
        documentation: 'A specialty (`urn:hourglass:specialty|<name>`)',
        values: tokens('specialty'),
      },
    },
  },
  {
    type: 'HealthcareService',
    build: (catalog) => catalog.flatMap((o) => o.types.map((t) => healthcareServiceResource(o, t))),
    params: {
      name: { type: 'string', documentation: 'The start of the name', values: text('name') },
      organization: {
        type: 'reference',
        target: 'Organization',
        documentation: 'The organization offering it',
        values: refs('providedBy'),
      },
      location: {
        type: 'reference',
        target: 'Location',
        documentation: 'A location it is offered at',
        values: refs('location'),
      },
      'service-type': {
        type: 'token',
        documentation: 'The visit type (`urn:hourglass:appointment-type|<id>`)',
        values: tokens('type'),
      },
    },
  },
  {
    type: 'Schedule',
    build: (catalog) => catalog.flatMap((o) => schedulesOf(o).map(scheduleResource)),
    params: {
      actor: {
        type: 'reference',
        target: '',
        documentation: 'The practitioner or location (`Practitioner/<id>`, `Location/<id>`)',
        values: (r) => (r.actor as Reference[]).map((a) => a.reference),
      },
      'service-type': {
        type: 'token',
        documentation: 'A visit type offered (`urn:hourglass:appointment-type|<id>`)',
        values: tokens('serviceType'),
      },
      specialty: {
        type: 'token',
        documentation: 'The practitioner’s specialty (`urn:hourglass:specialty|<name>`)',
        values: tokens('specialty'),
      },
    },
  },
];
