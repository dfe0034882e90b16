import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import {
  defineFormAccess,
  draftAccess,
  readFormAccess,
  readSubmissionsAccess,
  submitAccess,
} from './intake.policy.ts';
import {
  answersSchema,
  appointmentTypeKey,
  formDefinitionSchema,
  formViewSchema,
  submissionViewSchema,
  type Answers,
} from './intake.schema.ts';
import type { Intake } from './intake.service.ts';

const formParams = z.strictObject({ patientId: z.uuid(), formId: z.uuid() });
const answersBody = z.strictObject({ answers: answersSchema });

export function intakeRoutes(app: App, intake: Intake) {
  route(app, {
    method: 'POST',
    url: '/api/intake/forms/:appointmentType',
    access: defineFormAccess,
    audit: { action: 'intake.form.define', resourceType: 'intake-form' },
    schema: {
      summary: 'Define the next version of the intake form for an appointment type',
      tags: ['intake'],
      params: z.strictObject({ appointmentType: appointmentTypeKey }),
      body: formDefinitionSchema,
      response: { 201: formViewSchema },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await intake.defineForm(req.actor, req.params.appointmentType, req.body)),
  });

  route(app, {
    method: 'GET',
    url: '/api/organizations/:organizationId/intake-forms/:appointmentType',
    access: readFormAccess,
    audit: 'none',
    schema: {
      summary: 'The current intake form of an appointment type (questions only, no answers)',
      tags: ['intake'],
      params: z.strictObject({ organizationId: z.uuid(), appointmentType: appointmentTypeKey }),
      response: { 200: formViewSchema },
    },
    handler: async (req) =>
      intake.currentForm(req.params.organizationId, req.params.appointmentType),
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/intake/:formId/draft',
    access: draftAccess,
    audit: { action: 'intake.draft.read', resourceType: 'intake' },
    schema: {
      summary: 'The autosaved draft, if one has not expired',
      tags: ['intake'],
      params: formParams,
      response: {
        200: z.strictObject({
          draft: z
            .strictObject({ answers: submissionViewSchema.shape.answers, expiresAt: z.string() })
            .nullable(),
        }),
      },
    },
    handler: async (req) => {
      req.audited.patientId = req.params.patientId;
      return { draft: await intake.getDraft(req.actor, req.params.patientId, req.params.formId) };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/patients/:patientId/intake/:formId/draft',
    access: draftAccess,
    audit: { action: 'intake.draft.save', resourceType: 'intake' },
    schema: {
      summary: 'Autosave partial answers (kept encrypted for 7 days)',
      tags: ['intake'],
      params: formParams,
      body: answersBody,
      response: { 200: z.strictObject({ expiresAt: z.string() }) },
    },
    handler: async (req) => {
      req.audited.patientId = req.params.patientId;
      return intake.saveDraft(
        req.actor,
        req.params.patientId,
        req.params.formId,
        req.body.answers as Answers,
      );
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/patients/:patientId/intake/:formId/submissions',
    access: submitAccess,
    audit: { action: 'intake.submit', resourceType: 'intake' },
    schema: {
      summary: 'Submit answers: checked against the form, stored as a new immutable version',
      tags: ['intake'],
      params: formParams,
      body: answersBody,
      response: { 201: z.strictObject({ id: z.uuid(), version: z.number().int() }) },
    },
    handler: async (req, reply) => {
      req.audited.patientId = req.params.patientId;
      const out = await intake.submit(
        req.actor,
        req.params.patientId,
        req.params.formId,
        req.body.answers as Answers,
      );
      return reply.code(201).send(out);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/patients/:patientId/intake',
    access: readSubmissionsAccess,
    audit: { action: 'intake.read', resourceType: 'intake' },
    schema: {
      summary: "A patient's submitted intake answers (the patient, or their clinician)",
      tags: ['intake'],
      params: z.strictObject({ patientId: z.uuid() }),
      response: { 200: z.strictObject({ submissions: z.array(submissionViewSchema) }) },
    },
    handler: async (req) => {
      req.audited.patientId = req.params.patientId;
      return { submissions: await intake.submissions(req.actor, req.params.patientId) };
    },
  });
}
