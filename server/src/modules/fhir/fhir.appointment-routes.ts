import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { fhirHoldAppointment, fhirSearchAppointments, fhirViewAppointment } from './fhir.policy.ts';
import { appointmentSearchParams, searchAppointments } from './fhir.appointment-search.ts';
import { getAppointment, type BookingDeps } from '../booking/booking.service.ts';
import { appointmentResource } from './fhir.appointments.ts';
import { appointmentPut, cancelByPut, ifMatchVersion } from './fhir.cancel.ts';
import { appointmentPatch, cancelByPatch } from './fhir.patch.ts';
import { bookOperation, bookParams, holdOperation, holdParams } from './fhir.book.ts';
import { loadCatalog } from './fhir.catalog.ts';
import { findAppointments, findParams } from './fhir.find.ts';
import { findPatient, patientReference } from './fhir.find-patient.ts';
import { fhirJson, fhirResponses } from './fhir.outcome.ts';
import { parametersAsQuery, parametersBody } from './fhir.parameters.ts';
import type { FhirDeps } from './fhir.routes.ts';
import { ignoredParameters } from './fhir.handling.ts';
import {
  pageOf,
  resultParams,
  searchBundle,
  searchQuerySchema,
  type RawQuery,
} from './fhir.search.ts';

const tags = ['fhir'];
const audit = (action: string) => ({
  action: `fhir.appointment.${action}`,
  resourceType: 'appointment',
});

const value = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(20)]);
const findQuery = z.strictObject({
  ...Object.fromEntries(findParams.filter((p) => p !== '_count').map((p) => [p, value.optional()])),
  _count: resultParams._count,
});

function organizationOf(req: FastifyRequest): string {
  const a = req.actor;
  if (a.type === 'user' || a.type === 'patient') return a.organizationId;
  throw new Forbidden();
}

/** Appointment read and the Argonaut Scheduling operations ($find, $hold, $book). */
export function fhirAppointmentRoutes(
  app: App,
  deps: FhirDeps & { booking: BookingDeps },
  base: string,
) {
  const find = async (req: FastifyRequest, query: RawQuery) => {
    const catalog = await loadCatalog(deps.db);
    const patientId = patientReference(query);
    const forPatient =
      patientId === undefined
        ? undefined
        : await findPatient(
            req,
            {
              db: deps.db,
              patients: deps.patients,
              prerequisites: deps.booking.prerequisites ?? {},
              catalog,
            },
            patientId,
          );
    const found = await findAppointments(
      deps.availability,
      deps.cache,
      catalog,
      query,
      deps.now(),
      forPatient,
    );
    return searchBundle({
      base,
      path: 'Appointment/$find',
      query,
      matches: found,
      page: { offset: 0, count: Math.max(found.length, 1) },
    });
  };

  route(app, {
    method: 'GET',
    url: '/Appointment/$find',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary:
        'Argonaut $find: proposed appointments from free times (public; patient-reference as Patient read allows)',
      tags,
      querystring: findQuery,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      reply.type(fhirJson);
      return find(req, req.query as RawQuery);
    },
  });

  route(app, {
    method: 'POST',
    url: '/Appointment/$find',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Argonaut $find with its input as Parameters',
      tags,
      body: parametersBody,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      reply.type(fhirJson);
      return find(req, parametersAsQuery(req.body, findParams));
    },
  });

  const operations = [
    ['hold', holdOperation, holdParams],
    ['book', bookOperation, bookParams],
  ] as const;
  for (const [name, operation, allowed] of operations) {
    route(app, {
      method: 'POST',
      url: `/Appointment/$${name}`,
      access: fhirHoldAppointment,
      audit: audit(name),
      schema: {
        summary: `Argonaut $${name} (Idempotency-Key makes retries safe)`,
        tags,
        body: parametersBody,
        response: fhirResponses,
      },
      handler: async (req, reply) => {
        parametersAsQuery(
          { ...req.body, parameter: req.body.parameter.filter((p) => !p.resource) },
          allowed,
        );
        const key = req.headers['idempotency-key'];
        const { bundle, appointment } = await operation(req.actor, deps.booking, req.body, {
          idempotencyKey: typeof key === 'string' ? key : undefined,
          requestId: req.id,
        });
        if (appointment) {
          req.audited.resourceId = appointment.id;
          if (appointment.patientId) req.audited.patientId = appointment.patientId;
        }
        reply.type(fhirJson);
        return bundle;
      },
    });
  }

  const searchQuery = searchQuerySchema(appointmentSearchParams);
  const search = async (req: FastifyRequest, query: RawQuery) => {
    const { patientId, matches } = await searchAppointments(deps.db, req.actor, query, deps.now());
    const bundle = searchBundle({
      base,
      path: 'Appointment',
      query,
      matches,
      page: pageOf(query),
      ignored: ignoredParameters(req),
    });
    if (patientId) req.audited.patientId = patientId;
    req.audited.resourceIds = (
      bundle.entry as { resource: { id: string }; search: { mode: string } }[]
    )
      .filter((e) => e.search.mode === 'match')
      .map((e) => e.resource.id);
    return bundle;
  };
  for (const [method, url] of [
    ['GET', '/Appointment'],
    ['POST', '/Appointment/_search'],
  ] as const) {
    route(app, {
      method,
      url,
      access: fhirSearchAppointments,
      audit: audit('search'),
      schema: {
        summary:
          method === 'GET'
            ? 'Search appointments: a patient’s own, or one patient’s for a system'
            : 'Search appointments with the parameters in a form body (nothing in the URL)',
        tags,
        ...(method === 'GET' ? { querystring: searchQuery } : { body: searchQuery }),
        response: fhirResponses,
      },
      handler: async (req, reply) => {
        reply.type(fhirJson);
        return search(req, (method === 'GET' ? req.query : req.body) as RawQuery);
      },
    });
  }

  route(app, {
    method: 'PUT',
    url: '/Appointment/:id',
    access: fhirHoldAppointment,
    audit: audit('cancel'),
    schema: {
      summary: 'Cancel an appointment: PUT it back with status cancelled and If-Match',
      tags,
      params: z.strictObject({ id: z.uuid() }),
      body: appointmentPut,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const header = req.headers['if-match'];
      const a = await cancelByPut(
        req.actor,
        deps.booking,
        organizationOf(req),
        req.params.id,
        req.body,
        ifMatchVersion(typeof header === 'string' ? header : undefined),
      );
      req.audited.resourceId = a.id;
      if (a.patientId) req.audited.patientId = a.patientId;
      reply.type(fhirJson).header('etag', `W/"${a.version}"`);
      return appointmentResource(a);
    },
  });

  route(app, {
    method: 'PATCH',
    url: '/Appointment/:id',
    access: fhirHoldAppointment,
    audit: audit('cancel'),
    schema: {
      summary:
        'Cancel an appointment by JSON Patch: replace /status with cancelled (If-Match honoured)',
      tags,
      params: z.strictObject({ id: z.uuid() }),
      body: appointmentPatch,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const header = req.headers['if-match'];
      const a = await cancelByPatch(
        req.actor,
        deps.booking,
        organizationOf(req),
        req.params.id,
        req.body,
        typeof header === 'string' ? ifMatchVersion(header) : undefined,
      );
      req.audited.resourceId = a.id;
      if (a.patientId) req.audited.patientId = a.patientId;
      reply.type(fhirJson).header('etag', `W/"${a.version}"`);
      return appointmentResource(a);
    },
  });

  route(app, {
    method: 'GET',
    url: '/Appointment/:id',
    access: fhirViewAppointment,
    audit: audit('read'),
    schema: {
      summary: 'One appointment, as the caller may see it',
      tags,
      params: z.strictObject({ id: z.uuid() }),
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const a = await getAppointment(req.actor, deps.booking, organizationOf(req), req.params.id);
      req.audited.resourceId = a.id;
      if (a.patientId) req.audited.patientId = a.patientId;
      reply.type(fhirJson).header('etag', `W/"${a.version}"`);
      return appointmentResource(a);
    },
  });
}
