import { Invalid } from '../../platform/http/errors.ts';
import type { AvailabilityCache } from '../availability/availability.cache.ts';
import { findAvailability, type AvailabilitySource } from '../availability/availability.service.ts';
import type { Modality } from '../availability/availability.types.ts';
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

/** One free time the engine offers: a visit type in one Schedule. */
export interface FreeTime {
  typeId: string;
  typeName: string;
  schedule: ScheduleParts;
  start: number;
  end: number;
  modalities: Modality[];
}

/** Which Schedules and visit types to look in, and the window of start instants, [from, to). */
export interface FreeTimeCriteria {
  schedule: (s: ScheduleParts) => boolean;
  type: (typeId: string) => boolean;
  from: number;
  to: number;
  /** The most availability queries to make (a search's bound; the publishing feed has none). */
  maxQueries?: number;
}

/**
 * The free times of the Schedules and types asked, in order of start: one availability query
 * (`findAvailability`, cached) per organization and visit type.
 */
export async function freeTimes(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  catalog: readonly CatalogOrganization[],
  c: FreeTimeCriteria,
  now: number,
): Promise<FreeTime[]> {
  const work = new Map<string, Work>();
  for (const s of catalog.flatMap(schedulesOf)) {
    if (!c.schedule(s)) continue;
    for (const t of s.types) {
      if (!c.type(t.id)) continue;
      const key = `${s.org.id}|${t.id}`;
      let w = work.get(key);
      if (!w) work.set(key, (w = { org: s.org, typeId: t.id, typeName: t.name, schedules: [] }));
      w.schedules.push(s);
    }
  }
  if (work.size > (c.maxQueries ?? maxQueries)) {
    throw new Invalid('Narrow the search by schedule, practitioner or visit type.', [
      { pointer: '/query/service-type', detail: `more than ${maxQueries} visit types to search` },
    ]);
  }
  if (c.to <= c.from) return [];
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const found: FreeTime[] = [];
  for (const w of work.values()) {
    const answer = await findAvailability(
      src,
      cache,
      {
        organization: w.org.slug,
        appointmentTypeId: w.typeId,
        providers: [...new Set(w.schedules.map((s) => s.provider.id))],
        locations: [...new Set(w.schedules.map((s) => s.location.id))],
        from: day(c.from),
        to: day(c.to - 1),
        zone: 'UTC',
        first: false,
      },
      now,
    );
    const bySchedule = new Map(
      w.schedules.map((s) => [scheduleId(s.provider.id, s.location.id), s]),
    );
    for (const s of answer.slots) {
      const start = Date.parse(s.start);
      if (start < c.from || start >= c.to) continue;
      const schedule = bySchedule.get(scheduleId(s.providerId, s.locationId));
      if (!schedule) continue;
      found.push({
        typeId: w.typeId,
        typeName: w.typeName,
        schedule,
        start,
        end: Date.parse(s.end),
        modalities: s.modalities,
      });
    }
  }
  // Ties in start go by schedule id (computed once each, not per comparison).
  const keyed = found.map((f) => ({
    f,
    id: scheduleId(f.schedule.provider.id, f.schedule.location.id),
  }));
  keyed.sort((a, b) => a.f.start - b.f.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.f);
}

/** A free time as a FHIR Slot. */
export function slotResource(f: FreeTime): FhirResource {
  const { provider, location } = f.schedule;
  const concept = typeConcept({ id: f.typeId, name: f.typeName });
  return {
    resourceType: 'Slot',
    id: slotId({
      typeId: f.typeId,
      providerId: provider.id,
      locationId: location.id,
      start: f.start,
    }),
    serviceType: [concept],
    ...(provider.specialties.length
      ? { specialty: provider.specialties.map(specialtyConcept) }
      : {}),
    appointmentType: concept,
    schedule: { reference: `Schedule/${scheduleId(provider.id, location.id)}` },
    status: 'free',
    start: new Date(f.start).toISOString(),
    end: new Date(f.end).toISOString(),
  };
}

/** The free times a Slot search matches, in order (the route builds only its page's Slots). */
export async function searchSlots(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  catalog: readonly CatalogOrganization[],
  query: RawQuery,
  now: number,
): Promise<FreeTime[]> {
  requireFreeStatus(query);
  const { from, to } = window(query, now);
  const resources = catalog.flatMap(schedulesOf).map(scheduleResource);
  const kept = new Set(filterResources(resources, scheduleFilters, query).map((r) => r.id));
  const found = await freeTimes(
    src,
    cache,
    catalog,
    {
      schedule: (s) => kept.has(scheduleId(s.provider.id, s.location.id)),
      type: wantedTypes(query),
      from,
      to,
    },
    now,
  );
  return found;
}
