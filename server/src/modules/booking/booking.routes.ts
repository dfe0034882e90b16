import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Forbidden, Invalid } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { bookingPolicies, type BookingPolicies } from './booking.policy.ts';
import {
  appointmentSchema,
  cancelInput,
  holdInput,
  rescheduleInput,
  type Appointment,
} from './booking.schema.ts';
import * as booking from './booking.service.ts';

const idParams = z.strictObject({ id: z.uuid() });
const audit = (action: string) => ({ action, resourceType: 'appointment' });

function organizationOf(req: FastifyRequest): string {
  const a = req.actor;
  if (a.type === 'user' || a.type === 'patient') return a.organizationId;
  throw new Forbidden();
}

/** `If-Match: "v3"` → 3. A malformed tag is a 400; no header means no precondition. */
function expectedVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(String(header));
  if (!m) {
    throw new Invalid('If-Match takes the ETag of the appointment, like "v3".', [
      { pointer: '/header/if-match', detail: 'not an appointment ETag' },
    ]);
  }
  return Number(m[1]);
}

function send(req: FastifyRequest, reply: FastifyReply, a: Appointment, status = 200) {
  req.audited.resourceId = a.id;
  if (a.patientId) req.audited.patientId = a.patientId;
  reply.header('etag', `"v${a.version}"`).code(status);
  return a;
}

/**
 * Booking over HTTP, each route behind its policy from booking.policy.ts. `prefix` and `policies`
 * let tests mount the same routes a second time with other policies (test/booking-test-routes.ts).
 */
export function bookingRoutes(
  app: App,
  deps: booking.BookingDeps,
  opts: { prefix?: string; policies?: BookingPolicies } = {},
) {
  const base = `${opts.prefix ?? ''}/api/appointments`;
  const policies = opts.policies ?? bookingPolicies;

  route(app, {
    method: 'POST',
    url: base,
    access: policies.hold,
    audit: audit('booking.request.hold'),
    schema: {
      summary: 'Hold (or, for staff, book) a slot; Idempotency-Key makes retries safe',
      tags: ['booking'],
      body: holdInput,
      response: { 201: appointmentSchema },
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const a = await booking.hold(req.actor, deps, req.body, {
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      return send(req, reply, a, 201);
    },
  });

  route(app, {
    method: 'GET',
    url: `${base}/:id`,
    access: policies.view,
    audit: audit('booking.view'),
    schema: {
      summary: 'One appointment (ETag for If-Match)',
      tags: ['booking'],
      params: idParams,
      response: { 200: appointmentSchema },
    },
    handler: async (req, reply) =>
      send(
        req,
        reply,
        await booking.getAppointment(req.actor, deps, organizationOf(req), req.params.id),
      ),
  });

  const simple = [
    ['confirm', 'confirm', policies.change],
    ['check-in', 'checkIn', policies.checkIn ?? policies.visit],
    ['no-show', 'noShow', policies.visit],
    ['complete', 'complete', policies.visit],
  ] as const;
  for (const [path, action, access] of simple) {
    route(app, {
      method: 'POST',
      url: `${base}/:id/${path}`,
      access,
      audit: audit(`booking.request.${action}`),
      schema: {
        summary: `Appointment: ${path}`,
        tags: ['booking'],
        params: idParams,
        response: { 200: appointmentSchema },
      },
      handler: async (req, reply) => {
        const a = await booking.transition(
          req.actor,
          deps,
          organizationOf(req),
          req.params.id,
          action,
          {
            expectedVersion: expectedVersion(req),
          },
        );
        return send(req, reply, a);
      },
    });
  }

  route(app, {
    method: 'POST',
    url: `${base}/:id/cancel`,
    access: policies.change,
    audit: audit('booking.request.cancel'),
    schema: {
      summary: 'Cancel with a reason code (and, inside the cut-off, a staff override reason)',
      tags: ['booking'],
      params: idParams,
      body: cancelInput,
      response: { 200: appointmentSchema },
    },
    handler: async (req, reply) => {
      const a = await booking.transition(
        req.actor,
        deps,
        organizationOf(req),
        req.params.id,
        'cancel',
        {
          body: req.body,
          expectedVersion: expectedVersion(req),
        },
      );
      return send(req, reply, a);
    },
  });

  route(app, {
    method: 'POST',
    url: `${base}/:id/reschedule`,
    access: policies.change,
    audit: audit('booking.request.reschedule'),
    schema: {
      summary: 'Move to a new time: new booking and old cancellation in one transaction',
      tags: ['booking'],
      params: idParams,
      body: rescheduleInput,
      response: { 201: appointmentSchema },
    },
    handler: async (req, reply) => {
      const a = await booking.reschedule(
        req.actor,
        deps,
        organizationOf(req),
        req.params.id,
        req.body,
        {
          expectedVersion: expectedVersion(req),
        },
      );
      return send(req, reply, a, 201);
    },
  });
}
