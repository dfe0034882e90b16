import { directoryTypes } from './fhir.directory.ts';
import type { FhirResource } from './fhir.resources.ts';
import type { SearchParams } from './fhir.search.ts';
import { slotParams } from './fhir.slots.ts';
import { appointmentSearchParams } from './fhir.appointment-search.ts';

/**
 * What the endpoint implements, written from the same declarations the searches run on: a type
 * or parameter appears here exactly when a route serves it.
 */

const searchParams = (params: SearchParams) => [
  { name: '_id', type: 'token', documentation: 'The logical id' },
  ...Object.entries(params).map(([name, p]) => ({
    name,
    type: p.type,
    documentation: p.documentation,
  })),
];

export function capabilityStatement(base: string): FhirResource {
  return {
    resourceType: 'CapabilityStatement',
    id: 'hourglass',
    status: 'active',
    date: '2026-12-04',
    publisher: 'Hourglass',
    kind: 'instance',
    software: { name: 'Hourglass' },
    implementation: {
      description: 'Hourglass scheduling: directory, slots, appointments and patients',
      url: base,
    },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Public directory and free slots (no PHI, no sign-in); appointments for signed-in callers. Unknown search parameters and modifiers are refused (400). Paging: _count (at most 1000) and _offset.',
        resource: [
          ...directoryTypes.map((t) => ({
            type: t.type,
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: searchParams(t.params),
          })),
          {
            type: 'Slot',
            interaction: [{ code: 'search-type' }],
            searchParam: searchParams(slotParams),
          },
          {
            type: 'Appointment',
            documentation:
              'Read: the caller’s own appointments (patients), or those in the account’s scope (scheduling staff), from a signed-in session. $find is public; with patient-reference (Patient/<id>) it needs a caller who may read that patient (as Patient read) and proposes only the caller’s organization’s times of visit types the patient is eligible for, the patient a participant. $hold and $book act as the signed-in caller, as POST /api/appointments does. Update (PUT with If-Match) and patch (JSON Patch, application/json-patch+json) only cancel: status cancelled with an optional cancelationReason.',
            interaction: [
              { code: 'read' },
              { code: 'update' },
              { code: 'patch' },
              { code: 'search-type' },
            ],
            searchParam: searchParams(appointmentSearchParams),
            operation: ['find', 'hold', 'book'].map((name) => ({
              name,
              definition: `http://fhir.org/guides/argonaut-scheduling/OperationDefinition/appointment-${name}`,
              ...(name === 'find'
                ? {
                    documentation:
                      'Parameters: start, end, visit-type, specialty, practitioner, organization, location-reference, location-string, patient-reference, _count.',
                  }
                : {}),
            })),
          },
          {
            type: 'Patient',
            documentation:
              'For signed-in staff (as their role may see patients) and integration clients with system/Patient scopes. Search by identifier (the MRN, system urn:hourglass:fhir:mrn) only by POST /Patient/_search, so no identifier rides in a URL. Create honours If-None-Exist (identifier=system|value). $match (integration clients): certain by MRN, probable by birth date with family name.',
            interaction: [{ code: 'read' }, { code: 'create' }, { code: 'search-type' }],
            conditionalCreate: true,
            searchParam: [
              {
                name: 'identifier',
                type: 'token',
                documentation: 'The medical record number; POST /Patient/_search only',
              },
            ],
            operation: [
              {
                name: 'match',
                definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match',
              },
            ],
          },
        ],
      },
    ],
  };
}
