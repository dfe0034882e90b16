import { z } from 'zod';
import { Forbidden } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { schedulingStaff } from '../access/access.policy.ts';
import type { FastifyRequest } from 'fastify';
import {
  commitSeries,
  previewSeries,
  seriesCommitted,
  seriesInput,
  seriesPreview,
} from './booking.series.ts';
import { changeFollowing, followingInput, getSeries, seriesView } from './booking.series-split.ts';
import type { BookingDeps } from './booking.service.ts';

const idParams = z.strictObject({ id: z.uuid() });

function organizationOf(req: FastifyRequest): string {
  const a = req.actor;
  if (a.type === 'user') return a.organizationId;
  throw new Forbidden();
}

/** Recurring series: preview, commit, read, and "this and following" (staff only). */
export function bookingSeriesRoutes(app: App, deps: BookingDeps) {
  route(app, {
    method: 'POST',
    url: '/api/series/preview',
    access: schedulingStaff,
    audit: { action: 'booking.series.preview', resourceType: 'schedule' },
    schema: {
      summary: 'Expand a repeat rule and check each occurrence; nothing is booked',
      description:
        'Occurrences in the location’s zone (its local wall time kept across DST), each free or ' +
        'with reason codes and the nearest free alternatives. `changes` skips or moves some.',
      tags: ['booking'],
      body: seriesInput,
      response: { 200: seriesPreview },
    },
    handler: async (req) => {
      req.audited.patientId = req.body.patientId;
      return previewSeries(req.actor, deps, req.body);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/series',
    access: schedulingStaff,
    audit: { action: 'booking.series.create', resourceType: 'appointment_series' },
    schema: {
      summary:
        'Book every occurrence of a series in one transaction; Idempotency-Key makes retries safe',
      description:
        'The database decides each occurrence; one refused is a 409 `series-conflict` naming ' +
        'it, and nothing is booked. A retry with the same `Idempotency-Key` and request gets the ' +
        'series it booked; the key with another request is a 422 `idempotency-key-reused`.',
      tags: ['booking'],
      body: seriesInput,
      response: { 201: seriesCommitted },
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const r = await commitSeries(req.actor, deps, req.body, {
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      req.audited.resourceId = r.seriesId;
      req.audited.patientId = req.body.patientId;
      return reply.code(201).send(r);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/series/:id',
    access: schedulingStaff,
    audit: { action: 'booking.series.read', resourceType: 'appointment_series' },
    schema: {
      summary: 'A series: its rule, zone and occurrences',
      tags: ['booking'],
      params: idParams,
      response: { 200: seriesView },
    },
    handler: async (req) => {
      const s = await getSeries(req.actor, deps, organizationOf(req), req.params.id);
      req.audited.resourceId = s.id;
      req.audited.patientId = s.patientId;
      return s;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/series/:id/following',
    access: schedulingStaff,
    audit: { action: 'booking.series.split', resourceType: 'appointment_series' },
    schema: {
      summary: 'Cancel or move this occurrence and the following: the series splits',
      description:
        'The series ends (UNTIL) before the chosen occurrence. `cancel` cancels the rest; `move` ' +
        'books the rest at the new time under a new series (`splitFrom`), in one transaction.',
      tags: ['booking'],
      params: idParams,
      body: followingInput,
      response: { 200: seriesView },
    },
    handler: async (req) => {
      const s = await changeFollowing(
        req.actor,
        deps,
        organizationOf(req),
        req.params.id,
        req.body,
      );
      req.audited.resourceId = s.id;
      req.audited.patientId = s.patientId;
      return s;
    },
  });
}
