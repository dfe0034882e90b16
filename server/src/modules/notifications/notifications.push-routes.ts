import { z } from 'zod';
import type { Vault } from '../../platform/crypto/vault.ts';
import { Invalid, NotFound } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { route, type App } from '../../platform/http/route.ts';
import { patient, publicAccess } from '../access/access.policy.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import type { VapidKeys } from './notifications.push.ts';
import {
  endpointProblem,
  removeSubscription,
  saveSubscription,
  subscriptionsOf,
} from './notifications.push-subscriptions.ts';

const b64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url');
const subscriptionInput = z.strictObject({
  endpoint: z.string().min(8).max(2048),
  // The browser's P-256 key (65 bytes: 87 base64url characters) and 16-byte auth secret (22).
  keys: z.strictObject({
    p256dh: b64url.min(86).max(88),
    auth: b64url.min(21).max(24),
  }),
});
const subscriptionSchema = z.object({ id: z.uuid(), service: z.string(), createdAt: z.string() });

function me(a: Actor) {
  if (a.type !== 'patient' || !a.patientId) throw new NotFound();
  return { organizationId: a.organizationId, patientId: a.patientId, accountId: a.id };
}

/** The portal's Web Push: the VAPID public key, and the patient's own browsers' subscriptions. */
export function pushRoutes(
  app: App,
  deps: NotificationsDeps,
  vault: Vault,
  vapid: VapidKeys | undefined,
  development: boolean,
) {
  route(app, {
    method: 'GET',
    url: '/api/push/vapid-public-key',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary:
        'The key browsers subscribe to push with (applicationServerKey), or null when push is off (public: no PHI)',
      tags: ['notifications'],
      response: { 200: z.object({ publicKey: z.string().nullable() }) },
    },
    handler: async () => ({ publicKey: vapid?.publicKey ?? null }),
  });

  route(app, {
    method: 'GET',
    url: '/api/me/push-subscriptions',
    access: patient,
    audit: { action: 'notification.push.list', resourceType: 'push_subscription' },
    schema: {
      summary:
        'The browsers that receive my notifications (their push service, never the endpoint)',
      tags: ['notifications'],
      response: { 200: z.object({ subscriptions: z.array(subscriptionSchema) }) },
    },
    handler: async (req, reply) => {
      const m = me(req.actor);
      const subs = await subscriptionsOf(deps.db, vault, m.organizationId, m.patientId);
      req.audited.patientId = m.patientId;
      reply.header('cache-control', 'no-store');
      return {
        subscriptions: subs.map(({ id, service, createdAt }) => ({ id, service, createdAt })),
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/me/push-subscriptions',
    access: patient,
    audit: { action: 'notification.push.subscribe', resourceType: 'push_subscription' },
    schema: {
      summary: 'Receive my notifications in this browser (the PushSubscription it gave)',
      tags: ['notifications'],
      body: subscriptionInput,
      response: { 201: z.object({ id: z.uuid() }) },
    },
    handler: async (req, reply) => {
      const m = me(req.actor);
      if (!vapid) throw new Invalid('Notifications on devices are not enabled here.');
      const problem = await endpointProblem(req.body.endpoint, development);
      if (problem) {
        throw new Invalid('The push endpoint is not accepted.', [
          { pointer: '/endpoint', detail: problem },
        ]);
      }
      const id = await deps.db.transaction((tx) =>
        saveSubscription(tx, vault, { ...m, now: deps.clock.now() }, req.body),
      );
      req.audited.resourceId = id;
      req.audited.patientId = m.patientId;
      reply.code(201);
      return { id };
    },
  });

  route(app, {
    method: 'DELETE',
    url: '/api/me/push-subscriptions/:id',
    access: patient,
    audit: { action: 'notification.push.unsubscribe', resourceType: 'push_subscription' },
    schema: {
      summary: 'Stop notifications to one of my browsers',
      tags: ['notifications'],
      params: z.strictObject({ id: z.uuid() }),
    },
    handler: async (req, reply) => {
      const m = me(req.actor);
      req.audited.resourceId = req.params.id;
      req.audited.patientId = m.patientId;
      if (!(await removeSubscription(deps.db, { ...m, id: req.params.id }))) throw new NotFound();
      return reply.code(204).send();
    },
  });
}
