import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import {
  emergencyAccessBody,
  emergencyGrantSchema,
  type EmergencyAccess,
} from './patients.emergency.ts';
import {
  emergencyAccessPolicy,
  lookupPatientAccess,
  patientSummaryAccess,
  readPatientAccess,
  registerPatientAccess,
  revealIdentifierAccess,
  searchPatientAccess,
} from './patients.policy.ts';
import {
  lookupSchema,
  patientIdParams,
  patientViewSchema,
  registrationSchema,
  revealBodySchema,
  revealableFields,
  searchResultsSchema,
  searchSchema,
} from './patients.schema.ts';
import type { Patients } from './patients.service.ts';

export function patientsRoutes(app: App, patients: Patients, emergency: EmergencyAccess) {
  route(app, {
    method: 'POST',
    url: '/api/patients',
    access: registerPatientAccess,
    audit: { action: 'patient.register', resourceType: 'patient' },
    schema: {
      summary: 'Register a patient (stops at a possible duplicate)',
      tags: ['patients'],
      body: registrationSchema,
      response: { 201: patientViewSchema },
    },
    handler: async (req, reply) => {
      const view = await patients.register(req.actor, req.body);
      req.audited = { resourceId: view.id, patientId: view.id };
      return reply.code(201).send(view);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/lookup',
    access: lookupPatientAccess,
    audit: { action: 'patient.lookup', resourceType: 'patient-lookup' },
    schema: {
      summary: 'Find patients by an exact identifier (in the body, never the URL)',
      tags: ['patients'],
      body: lookupSchema,
      response: { 200: z.strictObject({ patients: z.array(patientViewSchema) }) },
    },
    handler: async (req) => ({ patients: await patients.lookup(req.actor, req.body) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/search',
    access: searchPatientAccess,
    audit: { action: 'patient.search', resourceType: 'patient-search' },
    schema: {
      summary: 'Find patients as a front desk does (in the body, never the URL)',
      description:
        'By date of birth with a family name that may be misspelled or typed in part (exact, then prefix, then sounds-alike matches; a given name only ranks), or by an exact email, phone or MRN. At most 20 results, in the projection of your role. Audited with the ids returned; each account may search 60 times in 10 minutes (429 too-many-searches).',
      tags: ['patients'],
      body: searchSchema,
      response: { 200: searchResultsSchema },
    },
    handler: async (req) => patients.search(req.actor, req.body),
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/summary',
    access: patientSummaryAccess,
    audit: { action: 'patient.summary', resourceType: 'patient-aggregate' },
    schema: {
      summary: 'Patient and appointment counts without identifiers (managers)',
      tags: ['patients'],
      response: {
        200: z.strictObject({
          total: z.number().int(),
          registeredLast30Days: z.number().int(),
          appointmentsByStatus: z.record(z.string(), z.number().int()),
        }),
      },
    },
    handler: async (req) => patients.summary(req.actor),
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId',
    access: readPatientAccess,
    audit: { action: 'patient.read', resourceType: 'patient' },
    schema: {
      summary: "A patient, as the caller's role may see them",
      tags: ['patients'],
      params: patientIdParams,
      response: { 200: patientViewSchema },
    },
    handler: async (req) => {
      req.audited = { resourceId: req.params.patientId, patientId: req.params.patientId };
      return patients.get(req.actor, req.params.patientId);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/reveal',
    access: revealIdentifierAccess,
    audit: { action: 'patient.identifier.reveal', resourceType: 'patient' },
    schema: {
      summary: 'Reveal one masked identifier (needs a recent step-up)',
      tags: ['patients'],
      params: patientIdParams,
      body: revealBodySchema,
      response: {
        200: z.strictObject({ field: z.enum(revealableFields), value: z.string().nullable() }),
      },
    },
    handler: async (req) => {
      req.audited = { resourceId: req.params.patientId, patientId: req.params.patientId };
      return patients.reveal(req.actor, req.params.patientId, req.body.field);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/emergency-access',
    access: emergencyAccessPolicy,
    audit: { action: 'patient.break_glass', resourceType: 'patient' },
    schema: {
      summary:
        'Break glass: open the clinical record of a patient for an hour (clinicians; step-up)',
      description:
        'For a clinician who does not treat the patient, in an emergency. Needs a step-up in the last five minutes and a reason code. Audited and reported to compliance officers.',
      tags: ['patients'],
      params: patientIdParams,
      body: emergencyAccessBody,
      response: { 201: emergencyGrantSchema },
    },
    handler: async (req, reply) => {
      req.audited = { resourceId: req.params.patientId, patientId: req.params.patientId };
      const grant = await emergency.open(req.actor, req.params.patientId, req.body.reason);
      return reply.code(201).send(grant);
    },
  });
}
