import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { workforce } from '../access/access.policy.ts';
import { existingLocations, listResources } from './directory.rules-store.ts';

const resourceView = z.object({ id: z.uuid(), name: z.string(), kind: z.string() });

/**
 * The rooms and equipment of one location, for the schedule's room columns (front desk and
 * clinicians). Directory data only; a location of another organization, or outside a
 * location-limited account's locations, is a 404.
 */
export function directoryRoomsRoutes(app: App, db: Db) {
  route(app, {
    method: 'GET',
    url: '/api/locations/:locationId/resources',
    access: workforce('front_desk', 'clinician'),
    audit: 'none',
    schema: {
      summary: 'Rooms and equipment of a location (the schedule’s room columns)',
      tags: ['directory'],
      params: z.strictObject({ locationId: z.uuid() }),
      response: { 200: z.object({ resources: z.array(resourceView) }) },
    },
    handler: async (req) => {
      const actor = req.actor;
      if (actor.type !== 'user') throw new NotFound();
      const { locationId } = req.params;
      const limited = actor.locationIds ?? [];
      const known = await existingLocations(db, actor.organizationId, [locationId]);
      if (!known.has(locationId) || (limited.length > 0 && !limited.includes(locationId))) {
        throw new NotFound();
      }
      const resources = await listResources(db, actor.organizationId, [locationId]);
      return { resources: resources.map(({ id, name, kind }) => ({ id, name, kind })) };
    },
  });
}
