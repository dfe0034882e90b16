import { z } from 'zod';
import { publicAccess } from '../access/access.policy.ts';
import { route, type App } from '../../platform/http/route.ts';
import { setSessionCookie } from './identity.cookie.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { startGuest, verifyGuest } from './identity.guests.ts';
import { acts, live, requestInfo } from './identity.routes.ts';
import {
  checkEmail,
  emailField,
  guestStartBody,
  slugField,
  tokenField,
  totpField,
} from './identity.schema.ts';
import { signOut } from './identity.service.ts';
import type { IssuedSession } from './identity.sessions.ts';
import { sendVisitCode, verifyVisitLink } from './identity.visit-links.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

const tags = ['guest booking'];

/**
 * Guest booking and visit links: each proves an email with an emailed code and ends in a guest
 * session (identity.guests.ts, identity.visit-links.ts). As the other identity routes, the
 * services write their events; the routes declare the same actions for the refusals.
 */
export function guestRoutes(app: App, deps: IdentityDeps) {
  route(app, {
    method: 'POST',
    url: '/api/guest/start',
    access: publicAccess,
    audit: acts('identity.guest.start', 'one-time-code'),
    schema: {
      summary: 'Book without an account: a code is emailed to the address given',
      tags,
      body: guestStartBody,
      response: checkEmail,
    },
    handler: async (req, reply) => {
      await startGuest(deps, requestInfo(req), req.body);
      return reply.code(202).send({ next: 'check-email' as const });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/guest/verify',
    access: publicAccess,
    audit: acts('identity.guest.verify', 'session'),
    schema: {
      summary: 'Enter the emailed code: starts a guest session for booking (cookie)',
      tags,
      body: z.strictObject({ organization: slugField, email: emailField, code: totpField }),
      response: { 200: z.object({ patientId: z.uuid() }) },
    },
    handler: async (req, reply) => {
      const issued = await verifyGuest(deps, requestInfo(req), req.body);
      await replaceSession(deps, req, reply, issued);
      return { patientId: issued.patientId };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/visit-links/code',
    access: publicAccess,
    audit: acts('identity.visit_link.code', 'visit-link'),
    schema: {
      summary: "A visit link's page asks for a code emailed to the address on file",
      tags,
      body: z.strictObject({ token: tokenField }),
      response: checkEmail,
    },
    handler: async (req, reply) => {
      await sendVisitCode(deps, requestInfo(req), req.body.token);
      return reply.code(202).send({ next: 'check-email' as const });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/visit-links/verify',
    access: publicAccess,
    audit: acts('identity.visit_link.verify', 'visit-link'),
    schema: {
      summary: "Enter the code: a guest session for the link's one appointment (cookie)",
      tags,
      body: z.strictObject({ token: tokenField, code: totpField }),
      response: { 200: z.object({ appointmentId: z.uuid(), patientId: z.uuid() }) },
    },
    handler: async (req, reply) => {
      const issued = await verifyVisitLink(deps, requestInfo(req), req.body);
      await replaceSession(deps, req, reply, issued);
      return { appointmentId: issued.link.appointment_id, patientId: issued.link.patient_id };
    },
  });
}

/** A new session always comes with a new cookie; one presented alongside it ends. */
export async function replaceSession(
  deps: IdentityDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  issued: IssuedSession,
) {
  if (req.session) await signOut(deps, requestInfo(req), live(req));
  setSessionCookie(reply, issued.token, issued.maxAgeSeconds);
}
