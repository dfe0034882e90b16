import { Invalid } from '../../platform/http/errors.ts';
import type { AvailabilityCache } from '../availability/availability.cache.ts';
import { findAvailability, type AvailabilitySource } from '../availability/availability.service.ts';
import type { Modality } from '../availability/availability.types.ts';
import { busyTimes } from '../booking/booking.busy.ts';
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
 * start. With `status=busy`, the schedules' taken time too: one busy Slot per appointment that
 * occupies the schedule, with its start and end only (no visit type, no patient).
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
  status: {
    type: 'token',
    documentation:
      '`free` (the default) or `busy` (taken time, no patient information); `free,busy` for both',
  },
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

/** Which statuses a search asks for (AND across repeats, OR within one); free when none. */
function statusesOf(query: RawQuery): { free: boolean; busy: boolean } {
  const wanted = { free: true, busy: true };
  let asked = false;
  for (const anyOf of occurrences(query, 'status')) {
    asked = true;
    const codes = anyOf.map((s) => (s.startsWith(`${slotStatusSystem}|`) ? s.split('|')[1] : s));
    if (!codes.every((c) => c === 'free' || c === 'busy')) {
      throw new Invalid('Slots are free or busy; search with status=free, busy, or both.', [
        { pointer: '/query/status', detail: 'free or busy' },
      ]);
    }
    wanted.free &&= codes.includes('free');
    wanted.busy &&= codes.includes('busy');
  }
  return asked ? wanted : { free: true, busy: false };
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

/** Taken time in one Schedule: an appointment's interval, nothing about it. */
export interface BusyTime {
  busy: true;
  schedule: ScheduleParts;
  start: number;
  end: number;
}
export type SlotTime = FreeTime | BusyTime;

/** A free (or busy) time as a FHIR Slot. */
export function slotResource(f: SlotTime): FhirResource {
  const { provider, location } = f.schedule;
  if ('busy' in f) {
    return {
      resourceType: 'Slot',
      id: slotId({
        typeId: 'busy',
        providerId: provider.id,
        locationId: location.id,
        start: f.start,
      }),
      schedule: { reference: `Schedule/${scheduleId(provider.id, location.id)}` },
      status: 'busy',
      start: new Date(f.start).toISOString(),
      end: new Date(f.end).toISOString(),
    };
  }
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
): Promise<SlotTime[]> {
  const statuses = statusesOf(query);
  const { from, to } = window(query, now);
  const resources = catalog.flatMap(schedulesOf).map(scheduleResource);
  const kept = new Set(filterResources(resources, scheduleFilters, query).map((r) => r.id));
  const criteria = {
    schedule: (s: ScheduleParts) => kept.has(scheduleId(s.provider.id, s.location.id)),
    type: wantedTypes(query),
    from,
    to,
  };
  const free = statuses.free ? await freeTimes(src, cache, catalog, criteria, now) : [];
  if (!statuses.busy) return free;
  // Busy time of the schedules kept that offer a visit type asked for.
  const schedules = new Map<string, ScheduleParts>();
  for (const s of catalog.flatMap(schedulesOf)) {
    if (criteria.schedule(s) && s.types.some((t) => criteria.type(t.id))) {
      schedules.set(scheduleId(s.provider.id, s.location.id), s);
    }
  }
  const parts = [...schedules.values()];
  const busy: SlotTime[] = [];
  for (const b of await busyTimes(src.db, {
    providerIds: [...new Set(parts.map((s) => s.provider.id))],
    locationIds: [...new Set(parts.map((s) => s.location.id))],
    from,
    to,
    now,
  })) {
    const schedule = schedules.get(scheduleId(b.providerId, b.locationId));
    if (schedule) busy.push({ busy: true, schedule, start: b.start, end: b.end });
  }
  return [...free, ...busy].sort((a, b) => a.start - b.start);
}
