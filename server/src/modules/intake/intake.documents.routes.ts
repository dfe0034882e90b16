import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { documentViewSchema, uploadSchema, type Documents } from './intake.documents.ts';
import { readDocumentsAccess, uploadDocumentAccess } from './intake.policy.ts';

const patientParams = z.strictObject({ patientId: z.uuid() });

export function intakeDocumentRoutes(app: App, documents: Documents) {
  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/documents',
    access: uploadDocumentAccess,
    audit: { action: 'intake.document.upload', resourceType: 'intake-document' },
    schema: {
      summary: 'Upload a referral letter or insurance card (PDF, PNG or JPEG; scanned, encrypted)',
      tags: ['intake'],
      params: patientParams,
      body: uploadSchema,
      response: { 201: documentViewSchema },
    },
    handler: async (req, reply) => {
      req.audited.patientId = req.params.patientId;
      return reply
        .code(201)
        .send(await documents.upload(req.actor, req.params.patientId, req.body));
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/documents',
    access: readDocumentsAccess,
    audit: { action: 'intake.document.list', resourceType: 'intake-document' },
    schema: {
      summary: "The patient's documents the caller may open",
      tags: ['intake'],
      params: patientParams,
      response: { 200: z.strictObject({ documents: z.array(documentViewSchema) }) },
    },
    handler: async (req) => {
      req.audited.patientId = req.params.patientId;
      return { documents: await documents.list(req.actor, req.params.patientId) };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/documents/:documentId',
    access: readDocumentsAccess,
    audit: { action: 'intake.document.download', resourceType: 'intake-document' },
    schema: {
      summary: 'Download one document (as an attachment)',
      tags: ['intake'],
      params: z.strictObject({ patientId: z.uuid(), documentId: z.uuid() }),
    },
    handler: async (req, reply) => {
      req.audited = { patientId: req.params.patientId, resourceId: req.params.documentId };
      const doc = await documents.download(req.actor, req.params.patientId, req.params.documentId);
      return reply
        .type(doc.contentType)
        .header('content-disposition', 'attachment')
        .header('cache-control', 'no-store')
        .send(doc.content);
    },
  });
}
