import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { exportOwnRecordAccess, preferencesAccess, proxyAccess } from './patients.policy.ts';
import {
  consentSchema,
  grantProxySchema,
  proxyEmailAnswer,
  guardianSchema,
  patientIdParams,
  preferencesSchema,
} from './patients.schema.ts';
import { recordBundle, type ExportedRecord } from '../fhir/fhir.record.ts';
import type { PatientRelations } from './patients.relations.service.ts';

const consentParams = z.strictObject({ patientId: z.uuid(), consentId: z.uuid() });

export function patientRelationsRoutes(app: App, rel: PatientRelations) {
  const touched = (req: { audited: object; params: { patientId: string } }) =>
    Object.assign(req.audited, {
      patientId: req.params.patientId,
      resourceId: req.params.patientId,
    });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/preferences',
    access: preferencesAccess,
    audit: { action: 'patient.preferences.read', resourceType: 'patient.preferences' },
    schema: {
      summary: "A patient's channels, language, quiet hours and time zone",
      tags: ['patients'],
      params: patientIdParams,
      response: { 200: z.strictObject({ preferences: preferencesSchema.nullable() }) },
    },
    handler: async (req) => {
      touched(req);
      return { preferences: await rel.getPreferences(req.actor, req.params.patientId) };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/patients/:patientId/preferences',
    access: preferencesAccess,
    audit: { action: 'patient.preferences.update', resourceType: 'patient.preferences' },
    schema: {
      summary: "Set a patient's messaging preferences",
      tags: ['patients'],
      params: patientIdParams,
      body: preferencesSchema,
      response: { 200: preferencesSchema },
    },
    handler: async (req) => {
      touched(req);
      return rel.setPreferences(req.actor, req.params.patientId, req.body);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/consents',
    access: proxyAccess,
    audit: { action: 'patient.consent.list', resourceType: 'patient.consent' },
    schema: {
      summary: 'Proxy and guardian consents, revoked ones included',
      tags: ['patients'],
      params: patientIdParams,
      response: { 200: z.strictObject({ consents: z.array(consentSchema) }) },
    },
    handler: async (req) => {
      touched(req);
      return { consents: await rel.listConsents(req.actor, req.params.patientId) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/proxies',
    access: proxyAccess,
    audit: { action: 'patient.consent.grant', resourceType: 'patient.consent' },
    schema: {
      summary: 'The patient grants another account proxy access',
      tags: ['patients'],
      params: patientIdParams,
      description:
        'Named by email (patients), the answer is 202 whether or not a patient account of the clinic uses that email; by account id (staff tools), 201 with the consent.',
      body: grantProxySchema,
      response: { 201: consentSchema, 202: proxyEmailAnswer },
    },
    handler: async (req, reply) => {
      touched(req);
      const { proxyEmail, proxyAccountId, ...rest } = req.body;
      if (proxyEmail !== undefined) {
        await rel.grantProxyByEmail(req.actor, req.params.patientId, { ...rest, proxyEmail });
        return reply.code(202).send({ status: 'sent' as const });
      }
      return reply.code(201).send(
        await rel.grantProxy(req.actor, req.params.patientId, {
          ...rest,
          proxyAccountId: proxyAccountId!,
        }),
      );
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/guardians',
    access: proxyAccess,
    audit: { action: 'patient.consent.guardian', resourceType: 'patient.consent' },
    schema: {
      summary: 'Staff record a guardian for a minor, with the reason',
      tags: ['patients'],
      params: patientIdParams,
      body: guardianSchema,
      response: { 201: consentSchema },
    },
    handler: async (req, reply) => {
      touched(req);
      return reply.code(201).send(await rel.addGuardian(req.actor, req.params.patientId, req.body));
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/consents/:consentId/revoke',
    access: proxyAccess,
    audit: { action: 'patient.consent.revoke', resourceType: 'patient.consent' },
    schema: {
      summary: 'Revoke a proxy or guardian consent',
      tags: ['patients'],
      params: consentParams,
      response: { 200: consentSchema },
    },
    handler: async (req) => {
      touched(req);
      return rel.revoke(req.actor, req.params.patientId, req.params.consentId);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/me/record',
    access: exportOwnRecordAccess,
    audit: { action: 'patient.export', resourceType: 'patient' },
    schema: {
      summary:
        'Right of access: download my own record as JSON, or as a FHIR Bundle with Accept: application/fhir+json',
      tags: ['patients'],
      response: {
        200: z.union([
          z.looseObject({ format: z.literal('hourglass-patient-record/1') }),
          z.looseObject({ resourceType: z.literal('Bundle') }),
        ]),
      },
    },
    handler: async (req, reply) => {
      if (req.actor.type === 'patient' && req.actor.patientId) {
        req.audited.patientId = req.actor.patientId;
      }
      const record = await rel.exportOwnRecord(req.actor);
      if (!/application\/fhir\+json/.test(req.headers.accept ?? '')) return record;
      reply.type('application/fhir+json; charset=utf-8');
      return recordBundle(record as unknown as ExportedRecord) as { resourceType: 'Bundle' };
    },
  });
}
