import { Invalid } from '../../platform/http/errors.ts';
import type { AvailabilityCache } from '../availability/availability.cache.ts';
import { findAvailability, type AvailabilitySource } from '../availability/availability.service.ts';
import type { CatalogOrganization } from './fhir.catalog.ts';
import { dateWindow } from './fhir.dates.ts';
import { scheduleId, slotId } from './fhir.ids.ts';
import {
  appointmentTypeSystem,
  scheduleResource,
  schedulesOf,
  specialtyConcept,
  specialtySystem,
  typeConcept,
  type FhirResource,
  type ScheduleParts,
} from './fhir.resources.ts';
import { filterResources, occurrences, type RawQuery, type SearchParams } from './fhir.search.ts';

/**
 * Slot search: free time computed by the availability engine (the same answer, and cache, as
 * GET /api/availability), never rows of slots. One Slot per visit type, provider, location and
 * start. Busy time is not published as Slots yet; `status` accepts `free` only.
 */

const DAY = 86_400_000;
export const defaultSlotDays = 14;
export const maxSlotDays = 31;
/** Availability queries one search may cost (one per organization and visit type). */
const maxQueries = 50;

const slotStatusSystem = 'http://hl7.org/fhir/slotstatus';

export const slotParams: SearchParams = {
  schedule: {
    type: 'reference',
    target: 'Schedule',
    documentation: 'The schedule (a practitioner at a location)',
    values: (r) => [(r.schedule as { reference: string }).reference.slice('Schedule/'.length)],
  },
  start: {
    type: 'date',
    documentation: `When the slot starts: eq, ge, gt, le, lt; at most ${maxSlotDays} days, ${defaultSlotDays} from now by default`,
  },
  status: { type: 'token', documentation: '`free` (the only status published)' },
  'service-type': {
    type: 'token',
    documentation: 'The visit type (`urn:hourglass:appointment-type|<id>`)',
  },
  'appointment-type': {
    type: 'token',
    documentation: 'The visit type, as `service-type`',
  },
  specialty: {
    type: 'token',
    documentation: 'The practitioner’s specialty (`urn:hourglass:specialty|<name>`)',
  },
};

// What narrows the schedules and their types before the engine runs (read from the Schedule).
const scheduleFilters: SearchParams = {
  schedule: { type: 'reference', target: 'Schedule', documentation: '', values: (r) => [r.id] },
  specialty: {
    type: 'token',
    documentation: '',
    values: (r) =>
      ((r.specialty ?? []) as { coding: { code: string }[] }[]).map(
        (c) => `${specialtySystem}|${c.coding[0]!.code}`,
      ),
  },
};

function requireFreeStatus(query: RawQuery) {
  for (const anyOf of occurrences(query, 'status')) {
    if (!anyOf.every((s) => s === 'free' || s === `${slotStatusSystem}|free`)) {
      throw new Invalid('Only free slots are published; search with status=free or without it.', [
        { pointer: '/query/status', detail: 'free only' },
      ]);
    }
  }
}

/** The visit types asked for (service-type and appointment-type, AND across them), or all. */
function wantedTypes(query: RawQuery): (typeId: string) => boolean {
  const asked = [...occurrences(query, 'service-type'), ...occurrences(query, 'appointment-type')];
  const token = (typeId: string) => `${appointmentTypeSystem}|${typeId}`;
  return (typeId) =>
    asked.every((anyOf) =>
      anyOf.some((w) => (w.includes('|') ? w === token(typeId) : w === typeId)),
    );
}

function window(query: RawQuery, now: number) {
  const asked = dateWindow(query, 'start');
  const from = asked.from ?? now;
  const to = asked.to ?? from + defaultSlotDays * DAY;
  if (to - from > maxSlotDays * DAY) {
    throw new Invalid(`Search at most ${maxSlotDays} days of slots at a time.`, [
      { pointer: '/query/start', detail: `a window of at most ${maxSlotDays} days` },
    ]);
  }
  return { from, to };
}

interface Work {
  org: CatalogOrganization;
  typeId: string;
  typeName: string;
  schedules: ScheduleParts[];
}

export async function searchSlots(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  catalog: readonly CatalogOrganization[],
  query: RawQuery,
  now: number,
): Promise<FhirResource[]> {
  requireFreeStatus(query);
  const { from, to } = window(query, now);
  const all = catalog.flatMap(schedulesOf);
  const resources = all.map(scheduleResource);
  const kept = new Set(filterResources(resources, scheduleFilters, query).map((r) => r.id));
  const typeWanted = wantedTypes(query);
  // One availability query per organization and visit type, over the schedules kept.
  const work = new Map<string, Work>();
  for (const s of all) {
    if (!kept.has(scheduleId(s.provider.id, s.location.id))) continue;
    for (const t of s.types) {
      if (!typeWanted(t.id)) continue;
      const key = `${s.org.id}|${t.id}`;
      let w = work.get(key);
      if (!w) work.set(key, (w = { org: s.org, typeId: t.id, typeName: t.name, schedules: [] }));
      w.schedules.push(s);
    }
  }
  if (work.size > maxQueries) {
    throw new Invalid('Narrow the search by schedule or service-type.', [
      { pointer: '/query/service-type', detail: `more than ${maxQueries} visit types to search` },
    ]);
  }
  if (to <= from) return [];
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const slots: FhirResource[] = [];
  for (const w of work.values()) {
    const answer = await findAvailability(
      src,
      cache,
      {
        organization: w.org.slug,
        appointmentTypeId: w.typeId,
        providers: [...new Set(w.schedules.map((s) => s.provider.id))],
        locations: [...new Set(w.schedules.map((s) => s.location.id))],
        from: day(from),
        to: day(to - 1),
        zone: 'UTC',
        first: false,
      },
      now,
    );
    const bySchedule = new Map(
      w.schedules.map((s) => [scheduleId(s.provider.id, s.location.id), s]),
    );
    const concept = typeConcept({ id: w.typeId, name: w.typeName });
    for (const s of answer.slots) {
      const start = Date.parse(s.start);
      if (start < from || start >= to) continue;
      const schedule = scheduleId(s.providerId, s.locationId);
      const parts = bySchedule.get(schedule);
      if (!parts) continue;
      const specialties = parts.provider.specialties;
      slots.push({
        resourceType: 'Slot',
        id: slotId({ typeId: w.typeId, providerId: s.providerId, locationId: s.locationId, start }),
        serviceType: [concept],
        ...(specialties.length ? { specialty: specialties.map(specialtyConcept) } : {}),
        appointmentType: concept,
        schedule: { reference: `Schedule/${schedule}` },
        status: 'free',
        start: new Date(start).toISOString(),
        end: new Date(Date.parse(s.end)).toISOString(),
      });
    }
  }
  return slots.sort((a, b) =>
    a.start === b.start
      ? a.id < b.id
        ? -1
        : 1
      : (a.start as string) < (b.start as string)
        ? -1
        : 1,
  );
}
