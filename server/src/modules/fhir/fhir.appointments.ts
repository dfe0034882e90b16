import { Invalid } from '../../platform/http/errors.ts';
import type { Modality } from '../availability/availability.types.ts';
import type { Appointment } from '../booking/booking.schema.ts';
import { appointmentTypeSystem, type FhirResource } from './fhir.resources.ts';
import { slotId } from './fhir.ids.ts';

/**
 * Appointments as FHIR: a booking's appointment (held, booked…) and a `proposed` one built from a
 * free time ($find). The patient is named by opaque id only (`Patient/<id>`), never by a name or
 * any identifier. How a visit happens (in person, video) rides in an extension: R4's Appointment
 * has no element for it.
 */

export const modalityExtension = 'urn:hourglass:fhir:modality';
export const holdExpiresExtension = 'urn:hourglass:fhir:hold-expires';

const fhirStatus: Record<Appointment['status'], string> = {
  held: 'pending',
  booked: 'booked',
  checked_in: 'arrived',
  completed: 'fulfilled',
  no_show: 'noshow',
  cancelled: 'cancelled',
  // A hold that ran out never became a visit.
  expired: 'cancelled',
};

const typeCoding = (id: string, name?: string) => ({
  coding: [{ system: appointmentTypeSystem, code: id, ...(name ? { display: name } : {}) }],
});

export function appointmentResource(a: Appointment): FhirResource {
  const status = fhirStatus[a.status];
  const accepted = status === 'cancelled' ? 'declined' : 'accepted';
  return {
    resourceType: 'Appointment',
    id: a.id,
    meta: { versionId: String(a.version) },
    extension: [
      { url: modalityExtension, valueCode: a.modality },
      ...(a.holdExpiresAt ? [{ url: holdExpiresExtension, valueInstant: a.holdExpiresAt }] : []),
    ],
    status,
    ...(a.cancelReason ? { cancelationReason: { text: a.cancelReason } } : {}),
    serviceType: [typeCoding(a.appointmentTypeId)],
    appointmentType: typeCoding(a.appointmentTypeId),
    start: a.start,
    end: a.end,
    participant: [
      ...(a.patientId
        ? [
            {
              actor: { reference: `Patient/${a.patientId}` },
              required: 'required',
              status: accepted,
            },
          ]
        : []),
      {
        actor: { reference: `Practitioner/${a.providerId}` },
        required: 'required',
        status: accepted,
      },
      { actor: { reference: `Location/${a.locationId}` }, required: 'required', status: accepted },
    ],
  };
}

export interface Proposal {
  typeId: string;
  typeName?: string | undefined;
  providerId: string;
  locationId: string;
  start: number;
  end: number;
  modality: Modality;
  /** Whom it is proposed for ($find's patient-reference), named by opaque id only. */
  patientId?: string | undefined;
}

export function proposedAppointment(p: Proposal): FhirResource {
  return {
    resourceType: 'Appointment',
    id: slotId({
      typeId: p.typeId,
      providerId: p.providerId,
      locationId: p.locationId,
      start: p.start,
    }),
    extension: [{ url: modalityExtension, valueCode: p.modality }],
    status: 'proposed',
    serviceType: [typeCoding(p.typeId, p.typeName)],
    appointmentType: typeCoding(p.typeId, p.typeName),
    start: new Date(p.start).toISOString(),
    end: new Date(p.end).toISOString(),
    participant: [
      ...(p.patientId
        ? [
            {
              actor: { reference: `Patient/${p.patientId}` },
              required: 'required',
              status: 'needs-action',
            },
          ]
        : []),
      {
        actor: { reference: `Practitioner/${p.providerId}` },
        required: 'required',
        status: 'needs-action',
      },
      {
        actor: { reference: `Location/${p.locationId}` },
        required: 'required',
        status: 'needs-action',
      },
    ],
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a proposed Appointment (`appt-resource`) asks for: its visit type, practitioner, location,
 * start and modality, and the patient if it names one. Anything missing or not ours is a 400
 * naming the element.
 */
export function readProposal(
  resource: unknown,
  pointer: string,
): Omit<Proposal, 'end'> & {
  patientId: string | undefined;
} {
  const r = (resource ?? {}) as Record<string, unknown>;
  const bad = (element: string, detail: string): never => {
    throw new Invalid('The appointment in appt-resource is not one this server can hold.', [
      { pointer: `${pointer}/${element}`, detail },
    ]);
  };
  if (r.resourceType !== 'Appointment') bad('resourceType', 'must be Appointment');
  const codings = [
    ...((r.serviceType as { coding?: { system?: string; code?: string }[] }[] | undefined) ?? []),
    ...(r.appointmentType
      ? [r.appointmentType as { coding?: { system?: string; code?: string }[] }]
      : []),
  ].flatMap((c) => c.coding ?? []);
  const typeId = codings.find((c) => c.system === appointmentTypeSystem)?.code;
  if (!typeId || !uuid.test(typeId)) bad('serviceType', `a coding of ${appointmentTypeSystem}`);
  const actors = ((r.participant as { actor?: { reference?: string } }[] | undefined) ?? []).map(
    (p) => p.actor?.reference ?? '',
  );
  const idOf = (type: string) => {
    const ref = actors.find((a) => a.startsWith(`${type}/`));
    const id = ref?.slice(type.length + 1);
    return id && uuid.test(id) ? id : undefined;
  };
  const providerId = idOf('Practitioner') ?? bad('participant', 'a Practitioner participant');
  const locationId = idOf('Location') ?? bad('participant', 'a Location participant');
  const start = typeof r.start === 'string' ? Date.parse(r.start) : NaN;
  if (Number.isNaN(start) || !/(Z|[+-]\d\d:\d\d)$/.test(String(r.start))) {
    bad('start', 'an instant with its zone');
  }
  const extensions = (r.extension as { url?: string; valueCode?: string }[] | undefined) ?? [];
  const modality = extensions.find((e) => e.url === modalityExtension)?.valueCode ?? 'in_person';
  if (modality !== 'in_person' && modality !== 'telehealth')
    bad('extension', 'in_person or telehealth');
  return {
    typeId: typeId!,
    providerId,
    locationId,
    start,
    modality: modality as Modality,
    patientId: idOf('Patient'),
  };
}
