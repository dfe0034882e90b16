import { serializerCompiler } from 'fastify-type-provider-zod';
import type { FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { slugSchema } from '../directory/directory.schema.ts';
import { timeZoneSchema } from '../directory/directory.rules-schema.ts';
import type { AvailabilityCache } from './availability.cache.ts';
import { findAvailability, type AvailabilityAnswer } from './availability.service.ts';

const idList = z
  .string()
  .max(50 * 37)
  .transform((s) => s.split(','))
  .pipe(z.array(z.uuid()).min(1).max(50))
  .describe('Comma-separated ids');

const modality = z.enum(['in_person', 'telehealth']);

export const availabilityQuery = z.strictObject({
  organization: slugSchema,
  appointmentType: z.uuid(),
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

/**
 * The 200 answer as JSON, by the engine's own JSON.stringify: zod's encode walks every field of
 * ten thousand slots, which cost more than the engine, and native stringify is faster than writing
 * the fields by hand. It holds exactly the fields `availabilityAnswer` declares because
 * findAvailability builds its slots with exactly those (the routes test holds the output
 * byte-equal to zod's encode). Other statuses go through the usual zod serializer.
 */
export function answerJson(a: AvailabilityAnswer): string {
  return JSON.stringify({ zone: a.zone, slots: a.slots });
}

const answerSerializer: FastifySerializerCompiler<unknown> = (route) =>
  route.schema === availabilityAnswer
    ? (data) => answerJson(data as AvailabilityAnswer)
    : serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);

export function availabilityRoutes(
  app: App,
  db: Db,
  cache: AvailabilityCache,
  cacheSeconds: number,
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
      return findAvailability(db, cache, req.query);
    },
  });
}
