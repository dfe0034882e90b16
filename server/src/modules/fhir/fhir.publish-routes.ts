import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { loadCatalog } from './fhir.catalog.ts';
import { fhirResponses } from './fhir.outcome.ts';
import {
  manifest,
  publishedResources,
  publishedScope,
  toNdjson,
  type Published,
} from './fhir.publish.ts';
import type { FhirDeps } from './fhir.routes.ts';

const tags = ['fhir'];
const since = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('Accepted; every file is a full snapshot');
const manifestSchema = z.looseObject({
  transactionTime: z.string(),
  request: z.string(),
  output: z.array(z.looseObject({ type: z.string(), url: z.string() })),
  error: z.array(z.unknown()),
});
const ndjson = z.string().describe('application/fhir+ndjson: one resource per line');

// The NDJSON files are text already: sent as they are, not as a JSON string.
const ndjsonSerializer: FastifySerializerCompiler<unknown> = (r) =>
  r.schema === ndjson
    ? (data) => data as string
    : serializerCompiler(r as Parameters<typeof serializerCompiler>[0]);

/** SMART Scheduling Links: the manifest and its three NDJSON files (public, no PHI). */
export function fhirPublishRoutes(
  app: App,
  deps: FhirDeps & { publish: readonly Published[] },
  base: string,
) {
  const maxAge = Math.max(deps.cacheSeconds, 60);
  const scope = async () => publishedScope(await loadCatalog(deps.db), deps.publish);

  route(app, {
    method: 'GET',
    url: '/$bulk-publish',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'SMART Scheduling Links manifest (opt-in per organization or location)',
      tags,
      querystring: z.strictObject({ _since: since }),
      response: { ...fhirResponses, 200: manifestSchema },
    },
    handler: async (_req, reply) => {
      reply
        .type('application/json; charset=utf-8')
        .header('cache-control', `public, max-age=${maxAge}`);
      return manifest(await scope(), { now: deps.now(), base });
    },
  });

  route(app, {
    method: 'GET',
    url: '/$bulk-publish/:file',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'One published file: Location, Schedule or Slot, as NDJSON',
      tags,
      params: z.strictObject({
        file: z.enum(['Location.ndjson', 'Schedule.ndjson', 'Slot.ndjson']),
      }),
      querystring: z.strictObject({ _since: since }),
      response: { ...fhirResponses, 200: ndjson },
    },
    serializerCompiler: ndjsonSerializer,
    handler: async (req, reply) => {
      const file = req.params.file.replace('.ndjson', '') as 'Location' | 'Schedule' | 'Slot';
      const resources = await publishedResources(
        deps.availability,
        deps.cache,
        await scope(),
        file,
        {
          now: deps.now(),
          publicUrl: deps.publicUrl,
        },
      );
      reply.type('application/fhir+ndjson').header('cache-control', `public, max-age=${maxAge}`);
      return toNdjson(resources);
    },
  });
}
