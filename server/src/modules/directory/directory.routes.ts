import { z } from 'zod';
import { publicAccess } from '../access/access.policy.ts';
import type { App } from '../../platform/http/route.ts';
import { route } from '../../platform/http/route.ts';
import type { Db } from '../../platform/db/db.ts';
import { organizationSchema, organizationSummarySchema, slugSchema } from './directory.schema.ts';
import * as directory from './directory.service.ts';

export function directoryRoutes(app: App, db: Db) {
  route(app, {
    method: 'GET',
    url: '/api/organizations',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'Organizations served here',
      tags: ['directory'],
      response: { 200: z.object({ organizations: z.array(organizationSummarySchema) }) },
    },
    handler: async () => ({ organizations: await directory.listOrganizations(db) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/organizations/:slug',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'An organization and its locations',
      tags: ['directory'],
      params: z.strictObject({ slug: slugSchema }),
      response: { 200: organizationSchema },
    },
    handler: async (req) => directory.getOrganization(db, req.params.slug),
  });
}
