import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { schedulingStaff } from '../access/access.policy.ts';
import { stillStands } from './notifications.delivery.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { messageKinds } from './notifications.schema.ts';
import type { Queryable } from '../../platform/db/db.ts';
import type { MessageRow } from './notifications.store.ts';

/** How far ahead the desk is shown messages that did not reach their patient. */
const AHEAD_DAYS = 14;
const LIMIT = 100;

export const attentionEntrySchema = z
  .object({
    id: z.uuid(),
    appointmentId: z.uuid(),
    kind: z.enum(messageKinds),
    channel: z.string().nullable(),
    status: z.string(),
    deliveryStatus: z.string().nullable(),
    dueAt: z.string(),
    appointmentStart: z.string(),
    locationId: z.uuid(),
    providerId: z.uuid(),
  })
  .meta({ id: 'MessageNeedingAttention' });
export type AttentionEntry = z.infer<typeof attentionEntrySchema>;

/**
 * The messages that did not reach their patient, about visits still ahead (the next two weeks)
 * and still as the message told them: failed on every channel, a carrier's final "undelivered",
 * or unconfirmed (a claim lost with its worker). Only appointments in the caller's reach
 * (booking's check), soonest visit first, for the desk to call or resend from the message log.
 */
export async function messagesNeedingAttention(
  deps: NotificationsDeps,
  actor: Actor,
  organizationId: string,
): Promise<AttentionEntry[]> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + AHEAD_DAYS * 86_400_000);
  const rows = await notReached(deps.db, organizationId, now, until, LIMIT);
  const views = new Map<string, Awaited<ReturnType<NotificationsDeps['appointmentInReach']>>>();
  for (const id of new Set(rows.map((r) => r.appointment_id))) {
    const view = await deps
      .appointmentInReach(actor, organizationId, id)
      .catch((err: unknown) => (err instanceof NotFound ? null : Promise.reject(err)));
    if (view) views.set(id, view);
  }
  return rows.flatMap((r) => {
    const a = views.get(r.appointment_id);
    // Still as the message told it, by the rule delivery itself follows.
    if (!a || !stillStands(r, { status: a.status, startsAt: new Date(a.start) })) return [];
    return [
      {
        id: r.id,
        appointmentId: r.appointment_id,
        kind: r.kind,
        channel: r.channel,
        status: r.status,
        deliveryStatus: r.delivery_status,
        dueAt: r.due_at.toISOString(),
        appointmentStart: r.appointment_start.toISOString(),
        locationId: a.locationId,
        providerId: a.providerId,
      },
    ];
  });
}

export function attentionRoutes(app: App, deps: NotificationsDeps) {
  route(app, {
    method: 'GET',
    url: '/api/notification-messages/attention',
    access: schedulingStaff,
    audit: { action: 'notification.attention.list', resourceType: 'notification' },
    schema: {
      summary: 'Messages that did not reach their patient, about visits in the next two weeks',
      description:
        'Failed on every channel, reported undelivered by the carrier, or unconfirmed (a ' +
        'worker stopped between the vendor and the record). Only appointments in the ' +
        'caller’s reach. Each 200 is audited with the message ids it shows.',
      tags: ['notifications'],
      response: { 200: z.object({ messages: z.array(attentionEntrySchema) }) },
    },
    handler: async (req) => {
      const actor = req.actor;
      if (actor.type !== 'user') throw new Forbidden();
      const messages = await messagesNeedingAttention(deps, actor, actor.organizationId);
      req.audited.resourceIds = messages.map((m) => m.id);
      return { messages };
    },
  });
}

/** Messages of visits in [from, until) that reached no one, soonest visit first. */
async function notReached(q: Queryable, org: string, from: Date, until: Date, limit: number) {
  const { rows } = await q.query<MessageRow>(
    `select * from notification_messages
      where organization_id = $1 and appointment_start >= $2 and appointment_start < $3
        and (status = 'failed'
             or (status = 'sent' and delivery_status in ('undelivered', 'failed')))
      order by appointment_start, due_at limit $4`,
    [org, from, until, limit],
  );
  return rows;
}
