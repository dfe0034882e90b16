import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { DomainError, NotFound } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import type { AvailabilityCache } from '../availability/availability.cache.ts';
import type { AvailabilitySource } from '../availability/availability.service.ts';
import { capabilityStatement } from './fhir.capability.ts';
import { loadCatalog } from './fhir.catalog.ts';
import { directoryTypes } from './fhir.directory.ts';
import { fhirErrorHandler, fhirJson, fhirResponses } from './fhir.outcome.ts';
import { ignoredParameters, lenientSearches } from './fhir.handling.ts';
import {
  filterResources,
  pageOf,
  searchBundle,
  searchQuerySchema,
  type RawQuery,
} from './fhir.search.ts';
import { searchSlots, slotParams, slotResource } from './fhir.slots.ts';
import { fhirAppointmentRoutes } from './fhir.appointment-routes.ts';
import type { Published } from './fhir.publish.ts';
import { fhirPublishRoutes } from './fhir.publish-routes.ts';
import { fhirSmartRoutes } from './fhir.smart-routes.ts';
import type { BookingDeps } from '../booking/booking.service.ts';
import { fhirPatientRoutes } from './fhir.patient-routes.ts';
import type { FhirPatients } from './fhir.patients.ts';
import type { JwksUrlPolicy } from './fhir.jwks-url.ts';

export interface FhirDeps {
  db: Db;
  availability: AvailabilitySource;
  cache: AvailabilityCache;
  cacheSeconds: number;
  now: () => number;
  /** Where the endpoint is reached from outside: links and fullUrls are absolute. */
  publicUrl: string;
  booking: BookingDeps;
  /** What the SMART Scheduling Links feed publishes (HOURGLASS_FHIR_PUBLISH). */
  publish: readonly Published[];
  /** The patients service (Patient read, search, $match, conditional create). */
  patients: FhirPatients;
  /** Where clients' JWKS URLs may point (strict, https and public addresses, when not given). */
  jwksPolicy?: JwksUrlPolicy;
}

const tags = ['fhir'];

/**
 * FHIR R4 at /fhir: the CapabilityStatement, the public directory (read and search) and Slot
 * search. Registered as its own scope so every error here is an OperationOutcome.
 */
export function fhirRoutes(deps: FhirDeps) {
  const base = `${deps.publicUrl.replace(/\/$/, '')}/fhir`;
  return async (scope: FastifyInstance) => {
    const app = scope as unknown as App;
    scope.setErrorHandler(fhirErrorHandler);
    lenientSearches(scope);
    fhirSmartRoutes(app, deps, base);

    route(app, {
      method: 'GET',
      url: '/metadata',
      access: publicAccess,
      audit: 'none',
      schema: { summary: 'The FHIR CapabilityStatement', tags, response: fhirResponses },
      handler: async (_req, reply) => {
        reply.type(fhirJson).header('cache-control', 'public, max-age=300');
        return capabilityStatement(base);
      },
    });

    for (const t of directoryTypes) {
      route(app, {
        method: 'GET',
        url: `/${t.type}`,
        access: publicAccess,
        audit: 'none',
        schema: {
          summary: `Search ${t.type} (public directory)`,
          tags,
          querystring: searchQuerySchema(t.params),
          response: fhirResponses,
        },
        handler: async (req, reply) => {
          const query = req.query as RawQuery;
          const matches = filterResources(t.build(await loadCatalog(deps.db)), t.params, query);
          reply.type(fhirJson);
          return searchBundle({
            base,
            path: t.type,
            query,
            matches,
            page: pageOf(query),
            ignored: ignoredParameters(req),
          });
        },
      });
      route(app, {
        method: 'GET',
        url: `/${t.type}/:id`,
        access: publicAccess,
        audit: 'none',
        schema: {
          summary: `Read a ${t.type} (public directory)`,
          tags,
          params: z.strictObject({ id: z.string().max(64) }),
          response: fhirResponses,
        },
        handler: async (req, reply) => {
          const found = t.build(await loadCatalog(deps.db)).find((r) => r.id === req.params.id);
          if (!found) throw new NotFound(`No ${t.type} with that id.`);
          reply.type(fhirJson);
          return found;
        },
      });
    }

    route(app, {
      method: 'GET',
      url: '/Slot',
      access: publicAccess,
      audit: 'none',
      schema: {
        summary: 'Search free slots (public: no PHI), computed by the availability engine',
        tags,
        querystring: searchQuerySchema(slotParams),
        response: fhirResponses,
      },
      handler: async (req, reply) => {
        const query = req.query as RawQuery;
        const catalog = await loadCatalog(deps.db);
        const matches = await searchSlots(
          deps.availability,
          deps.cache,
          catalog,
          query,
          deps.now(),
        );
        reply.type(fhirJson).header('cache-control', `public, max-age=${deps.cacheSeconds}`);
        return searchBundle({
          base,
          path: 'Slot',
          query,
          matches,
          page: pageOf(query),
          resource: slotResource,
          ignored: ignoredParameters(req),
        });
      },
    });

    fhirAppointmentRoutes(app, deps, base);
    fhirPublishRoutes(app, deps, base);
    fhirPatientRoutes(app, deps.patients, base);

    const known = new Set([...directoryTypes.map((t) => t.type), 'Slot', 'Appointment', 'Patient']);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      route(app, {
        method,
        url: '/*',
        access: publicAccess,
        audit: 'none',
        schema: {
          summary: 'Anything else under /fhir: not implemented here',
          tags,
          response: fhirResponses,
        },
        handler: async (req) => {
          const type = (req.params as { '*': string })['*'].split('/')[0] ?? '';
          if (known.has(type)) {
            throw new DomainError(
              405,
              'fhir-unsupported',
              'Not supported',
              `This server does not implement that interaction on ${type}; /fhir/metadata lists what it does.`,
            );
          }
          throw new NotFound(
            'This server serves no such resource type; /fhir/metadata lists them.',
          );
        },
      });
    }
  };
}
