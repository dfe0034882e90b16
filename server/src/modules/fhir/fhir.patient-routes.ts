import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, Invalid } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { registrationSchema } from '../patients/patients.schema.ts';
import { fhirJson, fhirResponses } from './fhir.outcome.ts';
import { parametersBody, resourceParameter, valueParameter } from './fhir.parameters.ts';
import {
  mrnOf,
  mrnToken,
  patientBody,
  patientResource,
  registrationOf,
  type FhirPatients,
  type PatientRecord,
} from './fhir.patients.ts';
import { fhirPatientAccess as patientAccess, integrationClient } from './fhir.policy.ts';
import { searchBundle } from './fhir.search.ts';
import type { FhirResource } from './fhir.resources.ts';

const tags = ['fhir'];
const audit = (action: string) => ({ action: `fhir.patient.${action}`, resourceType: 'patient' });

/** A registration the patients module accepts, or a 400 naming what is wrong. */
function parseRegistration(body: z.infer<typeof patientBody>) {
  const parsed = registrationSchema.safeParse(registrationOf(body));
  if (!parsed.success) {
    throw new Invalid(
      'This Patient cannot be registered as sent.',
      parsed.error.issues.map((i) => ({
        pointer: `/body/${i.path.join('/')}`,
        detail: i.message,
      })),
    );
  }
  return parsed.data;
}

/** The If-None-Exist query (`identifier=system|value`) as an MRN to look for. */
function ifNoneExist(header: string): string | undefined {
  const params = new URLSearchParams(header);
  const keys = [...params.keys()];
  const token = params.get('identifier');
  if (keys.length !== 1 || token === null) {
    throw new Invalid('If-None-Exist takes one identifier search: identifier=system|value.', [
      { pointer: '/header/if-none-exist', detail: 'identifier=system|value' },
    ]);
  }
  return mrnToken(token);
}

export function fhirPatientRoutes(app: App, patients: FhirPatients, base: string) {
  const noteRead = (req: FastifyRequest, found: readonly PatientRecord[]) => {
    req.audited.resourceIds = found.map((p) => p.id);
    if (found.length === 1) req.audited.patientId = found[0]!.id;
  };
  // Links without the query: the identifier searched for is PHI and stays out of every URL.
  const bundleOf = (path: string, found: readonly PatientRecord[]) =>
    searchBundle({
      base,
      path,
      query: {},
      matches: found,
      page: { offset: 0, count: Math.max(found.length, 1) },
      resource: patientResource,
    });

  route(app, {
    method: 'POST',
    url: '/Patient/_search',
    access: patientAccess,
    audit: audit('search'),
    schema: {
      summary: 'Find patients by identifier (the MRN), in a form body: exact, by blind index',
      tags,
      body: z.strictObject({ identifier: z.string().min(1).max(300) }),
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const mrn = mrnToken(req.body.identifier);
      const found = mrn === undefined ? [] : await patients.lookup(req.actor, { mrn });
      noteRead(req, found);
      reply.type(fhirJson);
      return bundleOf('Patient/_search', found);
    },
  });

  route(app, {
    method: 'POST',
    url: '/Patient/$match',
    access: integrationClient,
    audit: audit('match'),
    schema: {
      summary:
        'Patient $match for integration clients: certain matches by MRN, or by birth date and family name',
      tags,
      body: parametersBody,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      for (const [i, p] of req.body.parameter.entries()) {
        if (!['resource', 'onlyCertainMatches', 'count'].includes(p.name)) {
          throw new Invalid('$match takes resource, onlyCertainMatches and count.', [
            { pointer: `/body/parameter/${i}`, detail: `${p.name} is not a parameter it takes` },
          ]);
        }
      }
      const input = patientBody
        .partial({ name: true, gender: true, birthDate: true })
        .safeParse(resourceParameter(req.body, 'resource'));
      if (!input.success) {
        throw new Invalid('$match needs a Patient as its resource parameter.', [
          { pointer: '/body/parameter', detail: 'resource: a Patient' },
        ]);
      }
      const count = Number(valueParameter(req.body, 'count') ?? 10);
      const p = input.data;
      const mrn = mrnOf(p.identifier ?? []);
      const family = p.name?.[0]?.family;
      let found: PatientRecord[];
      if (mrn !== undefined) found = await patients.lookup(req.actor, { mrn });
      else if (p.birthDate && family) {
        found = await patients.lookup(req.actor, { dateOfBirth: p.birthDate, familyName: family });
      } else {
        throw new Invalid('$match needs an identifier, or a birth date with a family name.', [
          { pointer: '/body/parameter', detail: 'identifier, or birthDate and name.family' },
        ]);
      }
      // An MRN is certain; a birth date with a family name is probable (twins share both).
      const certain = mrn !== undefined;
      const shown = found.slice(0, Math.max(1, Math.min(count, 20)));
      noteRead(req, shown);
      const bundle = bundleOf('Patient/$match', shown);
      for (const e of bundle.entry as { search: object }[]) {
        e.search = {
          mode: 'match',
          score: certain ? 1 : 0.8,
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/match-grade',
              valueCode: certain ? 'certain' : 'probable',
            },
          ],
        };
      }
      reply.type(fhirJson);
      return bundle;
    },
  });

  route(app, {
    method: 'POST',
    url: '/Patient',
    access: patientAccess,
    audit: audit('create'),
    schema: {
      summary:
        'Register a patient; with If-None-Exist (identifier=system|value) only when none matches',
      tags,
      body: patientBody,
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const registration = parseRegistration(req.body);
      const header = req.headers['if-none-exist'];
      if (typeof header === 'string') {
        const mrn = ifNoneExist(header);
        const found = mrn === undefined ? [] : await patients.lookup(req.actor, { mrn });
        if (found.length > 1) {
          throw new DomainError(
            412,
            'precondition-failed',
            'More than one match',
            'More than one patient has this identifier; the patient was not created.',
          );
        }
        if (found.length === 1) {
          noteRead(req, found);
          reply.type(fhirJson).header('location', `${base}/Patient/${found[0]!.id}`);
          return patientResource(found[0]!);
        }
      }
      const created = await patients.register(req.actor, registration);
      req.audited.resourceId = created.id;
      req.audited.patientId = created.id;
      reply.code(201).type(fhirJson).header('location', `${base}/Patient/${created.id}`);
      return patientResource(created);
    },
  });

  route(app, {
    method: 'GET',
    url: '/Patient/:id',
    access: patientAccess,
    audit: audit('read'),
    schema: {
      summary: 'One patient, as the caller’s role may see them',
      tags,
      params: z.strictObject({ id: z.uuid() }),
      response: fhirResponses,
    },
    handler: async (req, reply) => {
      const p = await patients.get(req.actor, req.params.id);
      req.audited.resourceId = p.id;
      req.audited.patientId = p.id;
      reply.type(fhirJson);
      return patientResource(p) satisfies FhirResource;
    },
  });
}
