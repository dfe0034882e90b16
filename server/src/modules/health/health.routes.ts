import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';

const readiness = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    database: z.enum(['up', 'down']),
    jobs: z.enum(['up', 'down', 'disabled']),
  }),
});

export function healthRoutes(app: App, deps: { db: Db; jobs: Jobs | undefined }) {
  route(app, {
    method: 'GET',
    url: '/health/live',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'The process is up',
      tags: ['health'],
      response: { 200: z.object({ status: z.literal('live') }) },
    },
    handler: async () => ({ status: 'live' as const }),
  });

  route(app, {
    method: 'GET',
    url: '/health/ready',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'The database and job queue answer',
      tags: ['health'],
      response: { 200: readiness, 503: readiness },
    },
    handler: async (_req, reply) => {
      const database = await deps.db
        .query('select 1')
        .then(() => 'up' as const)
        .catch(() => 'down' as const);
      const jobs = !deps.jobs
        ? ('disabled' as const)
        : (await deps.jobs.ready().catch(() => false))
          ? ('up' as const)
          : ('down' as const);
      const ok = database === 'up' && jobs !== 'down';
      reply.code(ok ? 200 : 503);
      return {
        status: ok ? ('ready' as const) : ('not-ready' as const),
        checks: { database, jobs },
      };
    },
  });
}
