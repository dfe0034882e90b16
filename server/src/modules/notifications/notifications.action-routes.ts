import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { patientOrGuest, publicAccess } from '../access/access.policy.ts';
import { previewAction, tokenInput, useAction } from './notifications.actions.ts';
import type { NotificationsDeps } from './notifications.deps.ts';

const purpose = z.enum(['confirm', 'cancel', 'reschedule']);

/**
 * The page an action link opens: the token travels in the body (from the URL's fragment), never
 * in a URL the server logs. Preview is public and shows the message alone; using it needs the
 * patient's own session.
 */
export function notificationActionRoutes(app: App, deps: NotificationsDeps) {
  route(app, {
    method: 'POST',
    url: '/api/notification-actions/preview',
    access: publicAccess,
    audit: { action: 'notification.action.preview', resourceType: 'notification' },
    schema: {
      summary: 'What an action link does, with the message it came in (nothing else)',
      tags: ['notifications'],
      body: tokenInput,
      response: {
        200: z.object({
          purpose,
          subject: z.string().nullable(),
          body: z.string().nullable(),
          expiresAt: z.iso.datetime(),
        }),
      },
    },
    handler: async (req) => previewAction(deps, req.body.token),
  });

  route(app, {
    method: 'POST',
    url: '/api/notification-actions/use',
    access: patientOrGuest,
    audit: { action: 'notification.action.use', resourceType: 'notification' },
    schema: {
      summary: 'Confirm, cancel or start rescheduling with an action link, as its own patient',
      tags: ['notifications'],
      body: tokenInput,
      response: { 200: z.object({ purpose, appointmentId: z.uuid() }) },
    },
    handler: async (req) => {
      const done = await useAction(deps, req.actor, req.body.token);
      req.audited.resourceId = done.appointmentId;
      return done;
    },
  });
}
