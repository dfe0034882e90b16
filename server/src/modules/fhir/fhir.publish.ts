import type { AvailabilityCache } from '../availability/availability.cache.ts';
import type { AvailabilitySource } from '../availability/availability.service.ts';
import type { CatalogOrganization } from './fhir.catalog.ts';
import {
  locationResource,
  scheduleResource,
  schedulesOf,
  type FhirResource,
  type ScheduleParts,
} from './fhir.resources.ts';
import { defaultSlotDays, freeTimes, slotResource, type FreeTime } from './fhir.slots.ts';

/**
 * SMART Scheduling Links (slot publishing for aggregators): a `$bulk-publish` manifest naming one
 * NDJSON file each of Location, Schedule and Slot, for what the operator opted in
 * (HOURGLASS_FHIR_PUBLISH). Slots are the next fortnight's free times, each with the deep link
 * to the portal's booking page for that time and the location's phone, under both the original
 * smarthealthit.org and the HL7 (hl7.fhir.uv.ssl) extension URLs.
 */

export type PublishedFile = 'Location' | 'Schedule' | 'Slot';
export const publishedFiles: PublishedFile[] = ['Location', 'Schedule', 'Slot'];

const extensionBases = [
  'http://fhir-registry.smarthealthit.org/StructureDefinition/',
  'http://hl7.org/fhir/uv/ssl/StructureDefinition/',
];

const DAY = 86_400_000;

export interface Published {
  organization: string;
  locationId?: string;
}

/** The organizations and locations opted in, from the catalog. */
export function publishedScope(
  catalog: readonly CatalogOrganization[],
  opted: readonly Published[],
): CatalogOrganization[] {
  return catalog.flatMap((org) => {
    const entries = opted.filter((p) => p.organization === org.slug);
    if (entries.length === 0) return [];
    if (entries.some((p) => !p.locationId)) return [org];
    const ids = new Set(entries.map((p) => p.locationId));
    const locations = org.locations.filter((l) => ids.has(l.id));
    return locations.length ? [{ ...org, locations }] : [];
  });
}

/** The portal's booking page for one free time: ids and an instant, nothing about a person. */
export function deepLink(publicUrl: string, f: FreeTime): string {
  const q = new URLSearchParams({
    type: f.typeId,
    modality: f.modalities.includes('in_person') ? 'in_person' : f.modalities[0]!,
    location: f.schedule.location.id,
    provider: f.schedule.provider.id,
    start: new Date(f.start).toISOString(),
  });
  return `${publicUrl.replace(/\/$/, '')}/book?${q}`;
}

function publishedSlot(publicUrl: string, f: FreeTime): FhirResource {
  const link = deepLink(publicUrl, f);
  const phone = f.schedule.location.phone;
  return {
    ...slotResource(f),
    extension: extensionBases.flatMap((base) => [
      { url: `${base}booking-deep-link`, valueUrl: link },
      ...(phone ? [{ url: `${base}booking-phone`, valueString: phone }] : []),
    ]),
  };
}

/** The resources of one published file, in order. */
export async function publishedResources(
  src: AvailabilitySource,
  cache: AvailabilityCache,
  scope: readonly CatalogOrganization[],
  file: PublishedFile,
  ctx: { now: number; publicUrl: string },
): Promise<FhirResource[]> {
  if (file === 'Location') {
    return scope.flatMap((org) => org.locations.map((l) => locationResource(org, l)));
  }
  const schedules: ScheduleParts[] = scope.flatMap(schedulesOf);
  if (file === 'Schedule') return schedules.map(scheduleResource);
  const found = await freeTimes(
    src,
    cache,
    scope,
    {
      schedule: () => true,
      type: () => true,
      from: ctx.now,
      to: ctx.now + defaultSlotDays * DAY,
      maxQueries: Infinity,
    },
    ctx.now,
  );
  return found.map((f) => publishedSlot(ctx.publicUrl, f));
}

/** The manifest: where each file is, with the states its locations are in (the `state` extension). */
export function manifest(
  scope: readonly CatalogOrganization[],
  ctx: { now: number; base: string },
) {
  const states = [
    ...new Set(scope.flatMap((o) => o.locations.map((l) => l.address.region)).filter(Boolean)),
  ].sort();
  return {
    transactionTime: new Date(ctx.now).toISOString(),
    request: `${ctx.base}/$bulk-publish`,
    output: publishedFiles.map((type) => ({
      type,
      url: `${ctx.base}/$bulk-publish/${type}.ndjson`,
      ...(type !== 'Location' && states.length ? { extension: { state: states } } : {}),
    })),
    error: [],
  };
}

export const toNdjson = (resources: readonly FhirResource[]) =>
  resources.map((r) => `${JSON.stringify(r)}\n`).join('');
