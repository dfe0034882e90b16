import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { manageDirectory, requireManager } from './directory.policy.ts';
import { listResources } from './directory.rules-service.ts';
import { slugSchema } from './directory.schema.ts';
import { organizationIdBySlug } from './directory.service.ts';
import { loadSetupRules } from './directory.setup-store.ts';

const time = z.string().describe('HH:MM in the location’s zone');
const setupRulesSchema = z
  .object({
    resources: z.array(
      z.object({ id: z.uuid(), locationId: z.uuid(), name: z.string(), kind: z.string() }),
    ),
    workingHours: z.array(
      z.object({
        id: z.uuid(),
        providerId: z.uuid(),
        locationId: z.uuid(),
        weekday: z.number().int(),
        startTime: time,
        endTime: time,
        effectiveFrom: z.string().nullable(),
        effectiveTo: z.string().nullable(),
      }),
    ),
    dateOverrides: z.array(
      z.object({
        id: z.uuid(),
        providerId: z.uuid(),
        locationId: z.uuid(),
        date: z.string(),
        startTime: time.nullable(),
        endTime: time.nullable(),
      }),
    ),
    timeOff: z.array(
      z.object({
        id: z.uuid(),
        providerId: z.uuid(),
        start: z.string(),
        end: z.string(),
        reasonCode: z.string(),
      }),
    ),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  })
  .meta({ id: 'SetupRules' });
export type SetupRulesView = z.infer<typeof setupRulesSchema>;

/**
 * What the console's setup pages edit and the public directory does not show: rooms and
 * equipment, weekly hours, date overrides, time off and holidays (those not yet past).
 */
export function directorySetupRoutes(app: App, db: Db, now: () => number) {
  route(app, {
    method: 'GET',
    url: '/api/organizations/:slug/setup-rules',
    access: manageDirectory,
    audit: { action: 'directory.rules.read', resourceType: 'organization' },
    schema: {
      summary: 'Resources and working-time rules not yet past, as managers edit them',
      tags: ['directory'],
      params: z.strictObject({ slug: slugSchema }),
      response: { 200: setupRulesSchema },
    },
    handler: async (req) => {
      const orgId = await organizationIdBySlug(db, req.params.slug);
      requireManager(req.actor, orgId);
      req.audited.organizationId = orgId;
      req.audited.resourceId = orgId;
      const at = new Date(now());
      // The earliest local date anywhere: a day before UTC's date covers every zone.
      const today = new Date(at.getTime() - 86_400_000).toISOString().slice(0, 10);
      const [resources, rules] = await Promise.all([
        listResources(db, orgId),
        loadSetupRules(db, { organizationId: orgId, today, now: at }),
      ]);
      return { resources, ...rules };
    },
  });
}
