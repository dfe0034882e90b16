import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { manageDirectory } from './directory.policy.ts';
import { slugSchema } from './directory.schema.ts';
import { organizationIdBySlug } from './directory.service.ts';
import { getVisitGuide, putVisitGuide, visitGuideInput } from './directory.visit-guide.ts';

const org = z.strictObject({ slug: slugSchema });

const label = z.object({ en: z.string(), es: z.string() });
export const visitGuideSchema = z
  .object({
    version: z.number().int().describe('Goes up by one with every change'),
    start: z.string(),
    nodes: z.array(
      z.object({
        id: z.string(),
        prompt: label,
        choices: z.array(
          z.object({
            label,
            next: z.string().optional(),
            appointmentTypeId: z.uuid().optional(),
            modality: z.enum(['in_person', 'telehealth']).optional(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'VisitGuide' });

/** The clinic's "What do you need?" guide: public to read, managers and admins replace it. */
export function visitGuideRoutes(app: App, db: Db) {
  route(app, {
    method: 'GET',
    url: '/api/organizations/:slug/visit-guide',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'The clinic’s guided path to a visit type, labels in English and Spanish (public)',
      tags: ['directory'],
      params: org,
      response: { 200: visitGuideSchema },
    },
    handler: async (req) => getVisitGuide(db, await organizationIdBySlug(db, req.params.slug)),
  });

  route(app, {
    method: 'PUT',
    url: '/api/organizations/:slug/visit-guide',
    access: manageDirectory,
    audit: { action: 'directory.visit_guide.update', resourceType: 'visit_guide' },
    schema: {
      summary: 'Replace the visit guide (checked whole: reachable, acyclic, active visit types)',
      tags: ['directory'],
      params: org,
      body: visitGuideInput,
    },
    handler: async (req, reply) => {
      const orgId = await organizationIdBySlug(db, req.params.slug);
      await putVisitGuide(req.actor, db, orgId, req.body);
      req.audited.organizationId = orgId;
      req.audited.resourceId = orgId;
      return reply.code(204).send();
    },
  });
}
