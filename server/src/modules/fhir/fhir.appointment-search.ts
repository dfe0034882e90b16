import type { Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { grantsSystemScope } from '../access/access.scopes.ts';
import { staffScope, unlimited, type StaffScope } from '../access/access.record.ts';
import { schedulingRoles } from '../../platform/http/actor.ts';
import {
  patientAppointments,
  type PatientAppointment,
} from '../booking/booking.patient-appointments.ts';
import { appointmentTypeSystem, type FhirResource } from './fhir.resources.ts';
import { modalityExtension } from './fhir.appointments.ts';
import { dateWindow } from './fhir.dates.ts';
import { referencedId } from './fhir.ids.ts';
import { filterResources, occurrences, type RawQuery, type SearchParams } from './fhir.search.ts';

/**
 * Appointment search, for a patient (their own appointments), scheduling staff (one patient at a
 * time, within their scope: their locations, a clinician their own schedule) or an integration
 * client with the `s` and `r` scopes (one patient of its organization at a time). The
 * patient is named by id only; PHI never rides in the URL (use `POST /fhir/Appointment/_search`
 * with a form body, which takes the same parameters).
 */

const fhirStatus: Record<PatientAppointment['status'], string> = {
  held: 'pending',
  booked: 'booked',
  checked_in: 'arrived',
  completed: 'fulfilled',
  no_show: 'noshow',
  cancelled: 'cancelled',
};

export const appointmentSearchParams: SearchParams = {
  patient: {
    type: 'reference',
    target: 'Patient',
    documentation: 'The patient (required for systems; a patient’s own otherwise)',
  },
  date: { type: 'date', documentation: 'When it starts: eq, ge, gt, le, lt' },
  status: {
    type: 'token',
    documentation: 'pending, booked, arrived, fulfilled, noshow, cancelled',
    values: (r) => [`http://hl7.org/fhir/appointmentstatus|${r.status as string}`],
  },
  practitioner: {
    type: 'reference',
    target: 'Practitioner',
    documentation: 'The practitioner',
    values: (r) => actorIds(r, 'Practitioner'),
  },
  location: {
    type: 'reference',
    target: 'Location',
    documentation: 'The location',
    values: (r) => actorIds(r, 'Location'),
  },
  'service-type': {
    type: 'token',
    documentation: 'The visit type (`urn:hourglass:appointment-type|<id>`)',
    values: (r) =>
      (r.serviceType as { coding: { system: string; code: string }[] }[]).flatMap((c) =>
        c.coding.map((k) => `${k.system}|${k.code}`),
      ),
  },
};

function actorIds(r: FhirResource, type: string): string[] {
  return (r.participant as { actor: { reference: string } }[])
    .map((p) => p.actor.reference)
    .filter((ref) => ref.startsWith(`${type}/`))
    .map((ref) => ref.slice(type.length + 1));
}

function resourceOf(a: PatientAppointment, patientId: string): FhirResource {
  const status = fhirStatus[a.status];
  const participant = status === 'cancelled' ? 'declined' : 'accepted';
  const coding = { coding: [{ system: appointmentTypeSystem, code: a.appointmentType.id }] };
  return {
    resourceType: 'Appointment',
    id: a.id,
    extension: [{ url: modalityExtension, valueCode: a.modality }],
    status,
    serviceType: [coding],
    appointmentType: coding,
    start: a.start,
    end: a.end,
    participant: [
      { actor: { reference: `Patient/${patientId}` }, required: 'required', status: participant },
      {
        actor: { reference: `Practitioner/${a.provider.id}` },
        required: 'required',
        status: participant,
      },
      {
        actor: { reference: `Location/${a.location.id}` },
        required: 'required',
        status: participant,
      },
    ],
  };
}

/**
 * The patient whose appointments this caller may search (undefined: none of them), and the
 * schedules it sees them on (a workforce account's scope: its locations, a clinician its own).
 */
function patientFor(
  actor: Actor,
  query: RawQuery,
): { patientId: string | undefined; scope: StaffScope } {
  const all = { patientId: undefined, scope: unlimited };
  const asked = occurrences(query, 'patient').flat();
  if (asked.length > 1) {
    throw new Invalid('Search one patient’s appointments at a time.', [
      { pointer: '/query/patient', detail: 'one patient' },
    ]);
  }
  const named = asked[0] === undefined ? undefined : referencedId(asked[0], 'Patient');
  if (actor.type === 'patient') {
    // A patient searches their own; naming anyone else finds nothing (not an error that says
    // whether that record exists).
    if (!actor.patientId) return all;
    const own = named === undefined || named === actor.patientId;
    return { patientId: own ? actor.patientId : undefined, scope: unlimited };
  }
  const requireNamed = () => {
    if (!named) {
      throw new Invalid('Name the patient: patient=Patient/<id>.', [
        { pointer: '/query/patient', detail: 'required' },
      ]);
    }
    return named;
  };
  if (
    actor.type === 'user' &&
    actor.roles.some((r) => (schedulingRoles as readonly string[]).includes(r))
  ) {
    return { patientId: requireNamed(), scope: staffScope(actor) };
  }
  if (actor.type === 'user' && actor.roles.includes('integration')) {
    const scopes = actor.smartScopes ?? [];
    if (
      !grantsSystemScope(scopes, 'Appointment', 's') ||
      !grantsSystemScope(scopes, 'Appointment', 'r')
    ) {
      throw new Forbidden('The token’s scopes do not include searching appointments.');
    }
    return { patientId: requireNamed(), scope: unlimited };
  }
  throw new Forbidden();
}

export async function searchAppointments(
  db: Queryable,
  actor: Actor,
  query: RawQuery,
  now: number,
): Promise<{ patientId: string | undefined; matches: FhirResource[] }> {
  const window = dateWindow(query, 'date');
  const { patientId, scope } = patientFor(actor, query);
  if (!patientId || actor.type === 'anonymous' || actor.type === 'system') {
    return { patientId: undefined, matches: [] };
  }
  const all = await patientAppointments(db, actor.organizationId, patientId, new Date(now));
  const inWindow = all.filter((a) => {
    if (scope.locationIds && !scope.locationIds.includes(a.location.id)) return false;
    if (scope.providerIds && !scope.providerIds.includes(a.provider.id)) return false;
    const t = Date.parse(a.start);
    return (
      (window.from === undefined || t >= window.from) && (window.to === undefined || t < window.to)
    );
  });
  const resources = inWindow.reverse().map((a) => resourceOf(a, patientId));
  return { patientId, matches: filterResources(resources, appointmentSearchParams, query) };
}
