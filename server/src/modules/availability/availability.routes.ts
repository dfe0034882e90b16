import { serializerCompiler } from 'fastify-type-provider-zod';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { slugSchema } from '../directory/directory.schema.ts';
import { timeZoneSchema } from '../directory/directory.rules-schema.ts';
import type { AvailabilityCache } from './availability.cache.ts';
import { requireInScope, staffScope } from '../access/access.record.ts';
import { explainAvailability } from './availability.policy.ts';
import {
  explainTime,
  findAvailability,
  findCompactAvailability,
  type AvailabilityAnswer,
  type AvailabilitySource,
} from './availability.service.ts';

const idList = z
  .string()
  .max(50 * 37)
  .transform((s) => s.split(','))
  .pipe(z.array(z.uuid()).min(1).max(50))
  .describe('Comma-separated ids');

const modality = z.enum(['in_person', 'telehealth']);

export const availabilityQuery = z.strictObject({
  organization: slugSchema,
  appointmentTypeId: z.uuid(),
  providers: idList.optional(),
  locations: idList.optional(),
  modality: modality.optional(),
  from: z.iso.date().optional().describe('First local date in the display zone'),
  to: z.iso.date().optional().describe('Last local date in the display zone (inclusive)'),
  zone: timeZoneSchema.default('UTC').describe('Display zone (IANA)'),
  first: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Only the first available slot within the booking horizon'),
});

// Ids are plain strings here (they come from the database, not the caller): an answer can hold
// ten thousand slots, and a UUID pattern check on each costs more than the query.
const shownSlot = z
  .object({
    start: z.string().describe('ISO 8601 with the display zone’s offset'),
    end: z.string(),
    providerId: z.string().describe('uuid'),
    locationId: z.string().describe('uuid'),
    modalities: z.array(modality),
  })
  .meta({ id: 'AvailableSlot' });

export const availabilityAnswer = z.object({ zone: z.string(), slots: z.array(shownSlot) });

/** The compact query: a date range (the portal asks `first` of the full shape). */
export const compactQuery = availabilityQuery.omit({ first: true });

const minutes = z.number().int();
export const compactAnswer = z
  .object({
    zone: z.string().describe('Display zone (IANA)'),
    from: z.string().describe('First local date of the range'),
    to: z.string().describe('Last local date of the range (inclusive)'),
    start: z.string().describe('Minute 0: local midnight of `from`, ISO 8601 with offset'),
    slotMinutes: minutes.describe(
      'Every slot’s length; a slot ends this many minutes after it starts',
    ),
    days: z
      .array(
        z.object({
          date: z.string(),
          from: minutes.describe('The local day’s first minute, from `start`'),
          to: minutes.describe('The next local day’s first minute (23 or 25 hours on DST days)'),
          times: z.number().int().describe('Distinct start times that day; 0: no times'),
        }),
      )
      .describe('Every local date of the range, in order'),
    groups: z
      .array(
        z.object({
          providerId: z.string().describe('uuid'),
          locationId: z.string().describe('uuid'),
          modalities: z.array(modality),
          starts: z.array(minutes).describe('Start times: minutes from `start`, ascending'),
        }),
      )
      .describe('One per provider, location and offered modalities'),
  })
  .meta({ id: 'CompactAvailability' });

/**
 * The 200 answer as JSON bytes with exactly the fields `availabilityAnswer` declares, written
 * directly: zod's encode walks every field of ten thousand slots (more than the engine costs),
 * and even native JSON.stringify and then UTF-8 encoding two megabytes cost more than the query.
 * Slots share their times (one slot per provider at each) and their provider, location and
 * modalities (one slot per time), and findAvailability hands out the same string for the same
 * time: each distinct part is encoded once, found again by those strings (and the modalities
 * array), and the answer is one copy of the parts. Other statuses go through the usual zod
 * serializer. The routes test holds the two to the same output.
 */
export function answerJson(a: AvailabilityAnswer): Buffer {
  const q = JSON.stringify;
  const heads = new Map<string, Map<string, Buffer>>();
  const tails = new Map<string, Map<string, Map<readonly string[], Buffer>>>();
  const open = Buffer.from(`{"zone":${q(a.zone)},"slots":[`);
  const close = Buffer.from(']}');
  const slotHeads: Buffer[] = new Array(a.slots.length);
  const slotTails: Buffer[] = new Array(a.slots.length);
  let length = open.length + close.length + Math.max(0, a.slots.length - 1);
  for (let i = 0; i < a.slots.length; i++) {
    const s = a.slots[i]!;
    let ends = heads.get(s.start);
    if (ends === undefined) heads.set(s.start, (ends = new Map()));
    let head = ends.get(s.end);
    if (head === undefined) {
      head = Buffer.from(`{"start":${q(s.start)},"end":${q(s.end)},`);
      ends.set(s.end, head);
    }
    let atLocation = tails.get(s.providerId);
    if (atLocation === undefined) tails.set(s.providerId, (atLocation = new Map()));
    let byModalities = atLocation.get(s.locationId);
    if (byModalities === undefined) atLocation.set(s.locationId, (byModalities = new Map()));
    let tail = byModalities.get(s.modalities);
    if (tail === undefined) {
      tail = Buffer.from(
        `"providerId":${q(s.providerId)},"locationId":${q(s.locationId)},"modalities":${q(s.modalities)}}`,
      );
      byModalities.set(s.modalities, tail);
    }
    slotHeads[i] = head;
    slotTails[i] = tail;
    length += head.length + tail.length;
  }
  // One allocation of the exact size, each part copied in once.
  const out = Buffer.allocUnsafe(length);
  out.set(open, 0);
  let at = open.length;
  for (let i = 0; i < slotHeads.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ','
    out.set(slotHeads[i]!, at);
    at += slotHeads[i]!.length;
    out.set(slotTails[i]!, at);
    at += slotTails[i]!.length;
  }
  out.set(close, at);
  return out;
}

export const explainQuery = z.strictObject({
  appointmentTypeId: z.uuid(),
  providerId: z.uuid(),
  locationId: z.uuid(),
  start: z.iso.datetime({ offset: true }).describe('The time asked about (ISO 8601)'),
  modality: modality.optional(),
});

const explainAnswer = z.object({
  bookable: z.boolean(),
  reasons: z
    .array(z.object({ code: z.string(), message: z.string() }))
    .describe('Every rule or block excluding the time; empty when it is bookable'),
});

const answerSerializer: FastifySerializerCompiler<unknown> = (route) =>
  route.schema === availabilityAnswer
    ? // Fastify sends a serializer's Buffer as it is (its type only admits strings).
      (data) => answerJson(data as AvailabilityAnswer) as unknown as string
    : serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);

export function availabilityRoutes(
  app: App,
  src: AvailabilitySource,
  cache: AvailabilityCache,
  cacheSeconds: number,
  /** The app's clock, which booking's checks use too: explain answers as a booking would. */
  now: () => number,
) {
  route(app, {
    method: 'GET',
    url: '/api/availability',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Open appointment slots (public: no PHI)',
      tags: ['availability'],
      querystring: availabilityQuery,
      response: { 200: availabilityAnswer },
    },
    serializerCompiler: answerSerializer,
    handler: async (req, reply) => {
      reply.header('cache-control', `public, max-age=${cacheSeconds}`);
      return findAvailability(src, cache, req.query, now());
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/availability/compact',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary:
        'Open slots of a date range grouped by provider and location, with the days that have times (public: no PHI)',
      tags: ['availability'],
      querystring: compactQuery,
      response: { 200: compactAnswer },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', `public, max-age=${cacheSeconds}`);
      return findCompactAvailability(src, cache, req.query, now());
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/availability/explain',
    access: explainAvailability,
    audit: 'none',
    schema: {
      summary: 'Why a time is or is not bookable, in the caller’s organization (scheduling staff)',
      tags: ['availability'],
      querystring: explainQuery,
      response: { 200: explainAnswer },
    },
    handler: async (req, reply) => {
      const { actor } = req;
      if (actor.type !== 'user') throw new Forbidden();
      // A schedule outside the account's scope (its locations, a clinician's own) is not there.
      requireInScope(staffScope(actor), req.query);
      reply.header('cache-control', 'no-store');
      return explainTime(
        src,
        actor.organizationId,
        { ...req.query, start: Date.parse(req.query.start) },
        now(),
      );
    },
  });
}
