import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess } from '../access/access.policy.ts';
import { sendActionCode, verifyActionCode } from './identity.action-codes.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { replaceSession } from './identity.guest-routes.ts';
import { acts, requestInfo } from './identity.routes.ts';
import { tokenField, totpField } from './identity.schema.ts';

const tags = ['notifications'];

/** An action link's code instead of signing in (identity.action-codes.ts). */
export function actionCodeRoutes(app: App, deps: IdentityDeps) {
  route(app, {
    method: 'POST',
    url: '/api/notification-actions/code',
    access: publicAccess,
    audit: acts('identity.action_link.code', 'notification'),
    schema: {
      summary:
        "An action link's page asks for a code: emailed, or texted when the message went by SMS",
      tags,
      body: z.strictObject({ token: tokenField }),
      response: { 202: z.object({ next: z.enum(['check-email', 'check-phone']) }) },
    },
    handler: async (req, reply) => {
      const by = await sendActionCode(deps, requestInfo(req), req.body.token);
      return reply.code(202).send({ next: by === 'sms' ? 'check-phone' : 'check-email' });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/notification-actions/verify',
    access: publicAccess,
    audit: acts('identity.action_link.verify', 'notification'),
    schema: {
      summary: "Enter the code: a guest session for the link's one appointment (cookie)",
      tags,
      body: z.strictObject({ token: tokenField, code: totpField }),
      response: { 200: z.object({ appointmentId: z.uuid() }) },
    },
    handler: async (req, reply) => {
      const issued = await verifyActionCode(deps, requestInfo(req), req.body);
      await replaceSession(deps, req, reply, issued);
      return { appointmentId: issued.link.appointmentId };
    },
  });
}
