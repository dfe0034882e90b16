import type { Location } from '../directory/directory.schema.ts';
import type { AppointmentType, Provider } from '../directory/directory.rules-service.ts';
import type { CatalogOrganization } from './fhir.catalog.ts';
import { scheduleId } from './fhir.ids.ts';

/**
 * The directory as FHIR R4 resources. Public data only; every field comes from the directory's
 * records. Codes of our own (appointment types, specialties) carry `urn:hourglass:` systems.
 */

export interface FhirResource {
  resourceType: string;
  id: string;
  [field: string]: unknown;
}

export const appointmentTypeSystem = 'urn:hourglass:appointment-type';
export const specialtySystem = 'urn:hourglass:specialty';
export const organizationSystem = 'urn:hourglass:organization';

const ref = (type: string, id: string, display?: string) => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});

export const typeConcept = (t: Pick<AppointmentType, 'id' | 'name'>) => ({
  coding: [{ system: appointmentTypeSystem, code: t.id, display: t.name }],
  text: t.name,
});

export const specialtyConcept = (s: string) => ({
  coding: [{ system: specialtySystem, code: s, display: s }],
  text: s,
});

export function organizationResource(org: CatalogOrganization): FhirResource {
  return {
    resourceType: 'Organization',
    id: org.id,
    identifier: [{ system: organizationSystem, value: org.slug }],
    active: true,
    name: org.name,
  };
}

export function locationResource(org: CatalogOrganization, l: Location): FhirResource {
  const a = l.address;
  const address = {
    ...(a.line ? { line: [a.line] } : {}),
    ...(a.city ? { city: a.city } : {}),
    ...(a.region ? { state: a.region } : {}),
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
    country: a.country,
  };
  return {
    resourceType: 'Location',
    id: l.id,
    status: 'active',
    name: l.name,
    mode: 'instance',
    ...(l.phone ? { telecom: [{ system: 'phone', value: l.phone, use: 'work' }] } : {}),
    address,
    managingOrganization: ref('Organization', org.id, org.name),
    extension: [
      { url: 'urn:hourglass:fhir:time-zone', valueCode: l.timeZone },
      { url: 'urn:hourglass:fhir:in-person', valueBoolean: l.inPerson },
      { url: 'urn:hourglass:fhir:telehealth', valueBoolean: l.telehealth },
    ],
  };
}

export function practitionerResource(p: Provider): FhirResource {
  return {
    resourceType: 'Practitioner',
    id: p.id,
    active: true,
    name: [{ text: p.displayName }],
    ...(p.credentials ? { qualification: [{ code: { text: p.credentials } }] } : {}),
    ...(p.languages.length
      ? {
          communication: p.languages.map((code) => ({
            coding: [{ system: 'urn:ietf:bcp:47', code }],
          })),
        }
      : {}),
  };
}

/** What a provider does for the organization: where, which specialties, which visit types. */
export function practitionerRoleResource(org: CatalogOrganization, p: Provider): FhirResource {
  const types = org.types.filter((t) => t.scope.some((s) => s.providerId === p.id));
  const locations = org.locations.filter((l) => p.locationIds.includes(l.id));
  return {
    resourceType: 'PractitionerRole',
    id: p.id,
    active: true,
    practitioner: ref('Practitioner', p.id, p.displayName),
    organization: ref('Organization', org.id, org.name),
    ...(locations.length ? { location: locations.map((l) => ref('Location', l.id, l.name)) } : {}),
    ...(types.length
      ? { healthcareService: types.map((t) => ref('HealthcareService', t.id, t.name)) }
      : {}),
    ...(p.specialties.length ? { specialty: p.specialties.map(specialtyConcept) } : {}),
  };
}

/** An appointment type: a service the organization books, where and with whom it is offered. */
export function healthcareServiceResource(
  org: CatalogOrganization,
  t: AppointmentType,
): FhirResource {
  const locationIds = new Set(t.scope.map((s) => s.locationId));
  const locations = org.locations.filter((l) => locationIds.has(l.id));
  return {
    resourceType: 'HealthcareService',
    id: t.id,
    active: true,
    providedBy: ref('Organization', org.id, org.name),
    type: [typeConcept(t)],
    ...(locations.length ? { location: locations.map((l) => ref('Location', l.id, l.name)) } : {}),
    name: t.name,
    ...(t.description ? { comment: t.description } : {}),
    appointmentRequired: true,
  };
}

/** A provider's time at one location, as every visit type they are offered for there. */
export interface ScheduleParts {
  org: CatalogOrganization;
  provider: Provider;
  location: Location;
  types: AppointmentType[];
}

/** Every provider-location pair of the organization: one Schedule each. */
export function schedulesOf(org: CatalogOrganization): ScheduleParts[] {
  return org.providers.flatMap((provider) =>
    org.locations
      .filter((l) => provider.locationIds.includes(l.id))
      .map((location) => ({
        org,
        provider,
        location,
        types: org.types.filter((t) =>
          t.scope.some((s) => s.providerId === provider.id && s.locationId === location.id),
        ),
      })),
  );
}

export function scheduleResource(s: ScheduleParts): FhirResource {
  return {
    resourceType: 'Schedule',
    id: scheduleId(s.provider.id, s.location.id),
    active: true,
    ...(s.types.length ? { serviceType: s.types.map(typeConcept) } : {}),
    ...(s.provider.specialties.length
      ? { specialty: s.provider.specialties.map(specialtyConcept) }
      : {}),
    actor: [
      ref('Practitioner', s.provider.id, s.provider.displayName),
      ref('Location', s.location.id, s.location.name),
    ],
  };
}
