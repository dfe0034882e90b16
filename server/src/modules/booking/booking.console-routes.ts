import { z } from 'zod';
import { ifNoneMatch, notModified } from '../../platform/http/etag.ts';
import { route, type App } from '../../platform/http/route.ts';
import { manageVisitPolicy, readSchedule, readScheduleCounts } from './booking.policy.ts';
import { schedule, scheduleCounts, type ScheduleDeps } from './booking.schedule.ts';
import {
  countsAnswer,
  countsQuery,
  scheduleAnswer,
  scheduleQuery,
} from './booking.schedule.schema.ts';
import { readVisitPolicy, setVisitPolicy, visitPolicyView } from './booking.visit-policy.ts';
import { visitPolicySchema } from './booking.visit-window.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** What the staff console reads and sets: the schedule, its counts, the visit policy. */
export function bookingConsoleRoutes(app: App, deps: ScheduleDeps) {
  route(app, {
    method: 'GET',
    url: '/api/locations/:locationId/schedule',
    access: readSchedule,
    audit: { action: 'booking.schedule.read', resourceType: 'appointment' },
    schema: {
      summary: 'Appointments and holds of a location by local dates, paged; ETag/If-None-Match',
      description:
        'Front desk: every entry with the patient’s display name. Clinicians: their own ' +
        'schedule. A location-limited account gets 404 for other locations. Each 200 is ' +
        'audited with the ids it shows; a 304 shows nothing and is not.',
      tags: ['booking'],
      params: locationParams,
      querystring: scheduleQuery,
      response: { 200: scheduleAnswer, 304: notModified },
    },
    handler: async (req, reply) => {
      const r = await schedule(req.actor, deps, req.params.locationId, req.query, ifNoneMatch(req));
      reply.header('etag', r.etag);
      if (r.notModified) return reply.code(304).send(null);
      req.audited.resourceIds = r.answer.entries.map((e) => e.id);
      return r.answer;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/locations/:locationId/schedule/counts',
    access: readScheduleCounts,
    audit: { action: 'booking.schedule.counts', resourceType: 'schedule' },
    schema: {
      summary: 'Appointments per provider, local date and status (no patients); ETag',
      tags: ['booking'],
      params: locationParams,
      querystring: countsQuery,
      response: { 200: countsAnswer, 304: notModified },
    },
    handler: async (req, reply) => {
      const r = await scheduleCounts(
        req.actor,
        deps,
        req.params.locationId,
        req.query,
        ifNoneMatch(req),
      );
      reply.header('etag', r.etag);
      if (r.notModified) return reply.code(304).send(null);
      req.audited.resourceId = req.params.locationId;
      return r.answer;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/visit-policy',
    access: manageVisitPolicy,
    audit: { action: 'booking.visit_policy.read', resourceType: 'visit_policy' },
    schema: {
      summary: 'When check-in opens and closes around a visit, and when video can be joined',
      tags: ['booking'],
      response: { 200: visitPolicyView },
    },
    handler: async (req) => readVisitPolicy(req.actor, deps.db),
  });

  route(app, {
    method: 'PUT',
    url: '/api/admin/visit-policy',
    access: manageVisitPolicy,
    audit: { action: 'booking.visit_policy.update', resourceType: 'visit_policy' },
    schema: {
      summary: 'Set the organization’s check-in and video windows (minutes, bounded)',
      tags: ['booking'],
      body: visitPolicySchema,
      response: { 200: visitPolicyView },
    },
    handler: async (req) => setVisitPolicy(req.actor, deps.db, new Date(deps.now()), req.body),
  });
}
