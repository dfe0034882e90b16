import { Invalid } from '../../platform/http/errors.ts';
import type { AvailabilityCache } from '../availability/availability.cache.ts';
import type { AvailabilitySource } from '../availability/availability.service.ts';
import { proposedAppointment } from './fhir.appointments.ts';
import type { CatalogOrganization } from './fhir.catalog.ts';
import { dateWindow } from './fhir.dates.ts';
import type { FindPatient } from './fhir.find-patient.ts';
import { referencedId } from './fhir.ids.ts';
import {
  appointmentTypeSystem,
  specialtySystem,
  type FhirResource,
  type ScheduleParts,
} from './fhir.resources.ts';
import { occurrences, type RawQuery } from './fhir.search.ts';
import { freeTimes, maxSlotDays } from './fhir.slots.ts';

/**
 * Argonaut Scheduling's `Appointment/$find`: `proposed` Appointments built from the engine's free
 * times (the same as Slot search). Values of `visit-type`, `practitioner` and `location-reference`
 * are in order of preference: what the first asks for comes first, then by start.
 */

export const findParams = [
  'start',
  'end',
  'visit-type',
  'specialty',
  'practitioner',
  'organization',
  'location-reference',
  'location-string',
  'patient-reference',
  '_count',
] as const;

const DAY = 86_400_000;
const defaultFound = 100;
const maxFound = 1000;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** All the values of a parameter, in the order given (repeats and commas alike). */
const valuesOf = (query: RawQuery, name: string) => occurrences(query, name).flat();

/** How well a value matches the preferences: its index, or -1 when it is not wanted at all. */
function preference(wanted: string[], have: string): number {
  return wanted.length === 0 ? 0 : wanted.indexOf(have);
}

function required(query: RawQuery, name: string): string {
  const v = valuesOf(query, name);
  if (v.length !== 1) {
    throw new Invalid(`$find needs one ${name}.`, [
      { pointer: `/query/${name}`, detail: 'required, once' },
    ]);
  }
  return v[0]!;
}

export async function findAppointments(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  catalog: readonly CatalogOrganization[],
  query: RawQuery,
  now: number,
  forPatient?: FindPatient,
): Promise<FhirResource[]> {
  const start = required(query, 'start');
  const end = required(query, 'end');
  // start and end as a Slot search's window: end's date is inclusive, its dateTime exclusive.
  const window = dateWindow(
    { start: [`ge${start}`, end.includes('T') ? `lt${end}` : `le${end}`] },
    'start',
  );
  const from = window.from!;
  const to = window.to!;
  if (to <= from) {
    throw new Invalid('end must come after start.', [
      { pointer: '/query/end', detail: 'after start' },
    ]);
  }
  if (to - from > maxSlotDays * DAY) {
    throw new Invalid(`Find at most ${maxSlotDays} days at a time.`, [
      { pointer: '/query/end', detail: `at most ${maxSlotDays} days after start` },
    ]);
  }
  const types = valuesOf(query, 'visit-type').map((v) =>
    v.includes('|') ? v.slice(v.indexOf('|') + 1) : v,
  );
  for (const v of valuesOf(query, 'visit-type')) {
    if (v.includes('|') && !v.startsWith(`${appointmentTypeSystem}|`)) {
      throw new Invalid('visit-type takes the codes HealthcareService.type lists.', [
        { pointer: '/query/visit-type', detail: `codes of ${appointmentTypeSystem}` },
      ]);
    }
  }
  const practitioners = valuesOf(query, 'practitioner').map(
    (v) => referencedId(v, 'Practitioner') ?? '',
  );
  const locations = valuesOf(query, 'location-reference').map(
    (v) => referencedId(v, 'Location') ?? '',
  );
  const organizations = valuesOf(query, 'organization').map(
    (v) => referencedId(v, 'Organization') ?? '',
  );
  const specialties = valuesOf(query, 'specialty').map((v) =>
    v.startsWith(`${specialtySystem}|`) ? v.slice(specialtySystem.length + 1) : v,
  );
  const places = valuesOf(query, 'location-string').map(fold);
  const count = Number(valuesOf(query, '_count')[0] ?? defaultFound);
  if (!Number.isInteger(count) || count < 1 || count > maxFound) {
    throw new Invalid(`_count takes 1 to ${maxFound}.`, [
      { pointer: '/query/_count', detail: `1 to ${maxFound}` },
    ]);
  }
  const placeMatches = (s: ScheduleParts) =>
    places.length === 0 ||
    places.some((p) =>
      [s.location.name, s.location.address.city].some((x) => fold(x).startsWith(p)),
    );
  const found = await freeTimes(
    src,
    cache,
    catalog,
    {
      schedule: (s) =>
        preference(practitioners, s.provider.id) >= 0 &&
        preference(locations, s.location.id) >= 0 &&
        preference(organizations, s.org.id) >= 0 &&
        (!forPatient || s.org.id === forPatient.organizationId) &&
        (specialties.length === 0 || s.provider.specialties.some((x) => specialties.includes(x))) &&
        placeMatches(s),
      type: (id) => preference(types, id) >= 0,
      from,
      to,
    },
    now,
  );
  // Preferences reorder only when a list names more than one value; otherwise start order stands.
  const preferring = [types, practitioners, locations].some((list) => list.length > 1);
  const rank = (f: (typeof found)[number]) => [
    preference(types, f.typeId),
    preference(practitioners, f.schedule.provider.id),
    preference(locations, f.schedule.location.id),
  ];
  const ordered = preferring
    ? found
        .map((f, i) => ({ f, i, r: rank(f) }))
        .sort((a, b) => a.r[0]! - b.r[0]! || a.r[1]! - b.r[1]! || a.r[2]! - b.r[2]! || a.i - b.i)
    : found.map((f) => ({ f }));
  // For a patient, only what booking would offer them: checked in order until enough are found.
  const chosen: typeof found = [];
  for (const { f } of ordered) {
    if (chosen.length >= count) break;
    if (!forPatient || (await forPatient.offered(f.typeId, f.start))) chosen.push(f);
  }
  return chosen.map((f) =>
    proposedAppointment({
      typeId: f.typeId,
      typeName: f.typeName,
      providerId: f.schedule.provider.id,
      locationId: f.schedule.location.id,
      start: f.start,
      end: f.end,
      modality: f.modalities.includes('in_person') ? 'in_person' : f.modalities[0]!,
      patientId: forPatient?.id,
    }),
  );
}
