import { z } from 'zod';
import { actorId, type Actor } from '../../platform/http/actor.ts';
import { Forbidden, Invalid, NotFound } from '../../platform/http/errors.ts';
import { ifNoneMatch, noneMatch, notModified, weakEtag } from '../../platform/http/etag.ts';
import { route, type App } from '../../platform/http/route.ts';
import { patient, workforce, schedulingStaff } from '../access/access.policy.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import {
  inboxMessageSchema,
  messageLogEntrySchema,
  planInput,
  planQuery,
  planView,
  templateInput,
  templateParams,
} from './notifications.schema.ts';
import * as inboxStore from './notifications.inbox-store.ts';
import * as store from './notifications.store.ts';
import { lintTemplate } from './notifications.template-lint.ts';
import { override, overrideInput } from './notifications.overrides.ts';

const manage = workforce('manager', 'admin');
const idParams = z.strictObject({ id: z.uuid() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function organizationOf(actor: Actor): string {
  if (actor.type === 'user' || actor.type === 'patient') return actor.organizationId;
  throw new Forbidden();
}

/**
 * The patient's inbox, staff's message log per appointment, and the managers' plan and
 * templates. A template is linted before it is saved: an unknown variable is a 400 naming its
 * position.
 */
export function notificationRoutes(app: App, deps: NotificationsDeps) {
  route(app, {
    method: 'GET',
    url: '/api/me/messages',
    access: patient,
    audit: { action: 'notification.inbox.read', resourceType: 'notification' },
    schema: {
      summary: 'The signed-in patient’s inbox: every message sent to them, newest first; ETag',
      description:
        'The open page asks again with If-None-Match: a 304 (nothing new, nothing read since) ' +
        'shows nothing and is not audited; each 200 is, with the message ids it shows.',
      tags: ['notifications'],
      response: { 200: z.object({ messages: z.array(inboxMessageSchema) }), 304: notModified },
    },
    handler: async (req, reply) => {
      const a = req.actor;
      if (a.type !== 'patient' || !a.patientId) throw new Forbidden();
      const etag = weakEtag([
        'inbox',
        a.patientId,
        await inboxStore.inboxVersion(deps.db, a.organizationId, a.patientId),
      ]);
      reply.header('etag', etag);
      if (noneMatch(ifNoneMatch(req), etag)) return reply.code(304).send(null);
      const rows = await inboxStore.inbox(deps.db, a.organizationId, a.patientId, 100);
      req.audited.patientId = a.patientId;
      req.audited.resourceIds = rows.map((r) => r.id);
      return {
        messages: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          appointmentId: r.appointment_id,
          subject: r.subject,
          body: r.body,
          sentAt: r.sent_at!.toISOString(),
          readAt: iso(r.read_at),
        })),
      };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/me/messages/unread',
    access: patient,
    // A count of the patient's own unread messages shows nothing they say: not a read of PHI.
    audit: 'none',
    schema: {
      summary: 'How many messages the signed-in patient has not read (the landing page’s link)',
      tags: ['notifications'],
      response: { 200: z.object({ unread: z.number().int().min(0) }) },
    },
    handler: async (req) => {
      const a = req.actor;
      if (a.type !== 'patient' || !a.patientId) throw new Forbidden();
      return { unread: await inboxStore.unreadCount(deps.db, a.organizationId, a.patientId) };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/me/messages/:id/read',
    access: patient,
    audit: { action: 'notification.inbox.mark_read', resourceType: 'notification' },
    schema: {
      summary: 'Mark a message of the inbox read',
      tags: ['notifications'],
      params: idParams,
    },
    handler: async (req, reply) => {
      const a = req.actor;
      if (a.type !== 'patient' || !a.patientId) throw new Forbidden();
      const found = await inboxStore.markRead(
        deps.db,
        a.organizationId,
        a.patientId,
        req.params.id,
        deps.clock.now(),
      );
      if (!found) throw new NotFound();
      req.audited.resourceId = req.params.id;
      req.audited.patientId = a.patientId;
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/appointments/:id/messages',
    access: schedulingStaff,
    audit: { action: 'notification.log.read', resourceType: 'appointment' },
    schema: {
      summary: 'The messages of an appointment: planned, sent, cancelled, with channel and status',
      tags: ['notifications'],
      params: idParams,
      response: { 200: z.object({ messages: z.array(messageLogEntrySchema) }) },
    },
    handler: async (req) => {
      const org = organizationOf(req.actor);
      // The appointment must be in the caller's reach (booking's check: 404 otherwise).
      const appointment = await deps.appointmentInReach(req.actor, org, req.params.id);
      req.audited.resourceId = req.params.id;
      if (appointment.patientId) req.audited.patientId = appointment.patientId;
      const rows = await store.listForAppointment(deps.db, org, req.params.id);
      const overrides = await store.overridesOf(
        deps.db,
        rows.map((r) => r.id),
      );
      return {
        messages: rows.map((r) => ({
          overrides: overrides
            .filter((o) => o.message_id === r.id)
            .map((o) => ({
              action: o.action,
              by: o.actor_id,
              reason: o.reason,
              at: o.at.toISOString(),
            })),
          id: r.id,
          kind: r.kind,
          status: r.status,
          channel: r.channel,
          template: r.template_key,
          templateVersion: r.template_version,
          dueAt: r.due_at.toISOString(),
          sentAt: iso(r.sent_at),
          vendorId: r.vendor_id,
          deliveryStatus: r.delivery_status,
          reasonCode: r.reason_code,
          attempts: r.attempts,
          body: r.body,
        })),
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/notification-messages/:id/overrides',
    access: schedulingStaff,
    audit: { action: 'notification.override.request', resourceType: 'notification' },
    schema: {
      summary: 'Send a planned message now, skip it, or resend a sent one, with a reason code',
      tags: ['notifications'],
      params: idParams,
      body: overrideInput,
      response: {
        200: z.object({ messageId: z.uuid(), outcome: z.string() }),
      },
    },
    handler: async (req) => {
      const org = organizationOf(req.actor);
      const result = await override(deps, req.actor, org, req.params.id, req.body);
      req.audited.resourceId = req.params.id;
      return result;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/notifications/plan',
    access: manage,
    audit: { action: 'notification.plan.read', resourceType: 'notification_plan' },
    schema: {
      summary: 'The notification plan in force for the organization, or for one appointment type',
      tags: ['notifications'],
      querystring: planQuery,
      response: { 200: planView },
    },
    handler: async (req) => {
      const org = organizationOf(req.actor);
      const typeId = req.query.appointmentTypeId ?? null;
      if (typeId && !(await deps.typeExists(deps.db, org, typeId))) {
        throw new NotFound('No such appointment type here.');
      }
      const { plan, source } = await store.findPlanWithSource(deps.db, org, typeId);
      req.audited.organizationId = org;
      req.audited.resourceId = typeId ?? org;
      return { appointmentTypeId: typeId, source, ...plan };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/notifications/plan',
    access: manage,
    audit: { action: 'notification.plan.update', resourceType: 'notification_plan' },
    schema: {
      summary: 'Set the organization’s notification plan, or one appointment type’s override',
      tags: ['notifications'],
      body: planInput,
    },
    handler: async (req, reply) => {
      const org = organizationOf(req.actor);
      const { appointmentTypeId, ...plan } = req.body;
      await deps.db.transaction(async (tx) => {
        if (appointmentTypeId && !(await deps.typeExists(tx, org, appointmentTypeId))) {
          throw new Invalid('No such appointment type here.', [
            { pointer: '/body/appointmentTypeId', detail: 'unknown appointment type' },
          ]);
        }
        await store.savePlan(tx, org, appointmentTypeId, plan, actorId(req.actor) ?? 'unknown');
      });
      req.audited.organizationId = org;
      req.audited.resourceId = appointmentTypeId ?? org;
      return reply.code(204).send();
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/notifications/templates/:kind/:channel/:language',
    access: manage,
    audit: { action: 'notification.template.update', resourceType: 'notification_template' },
    schema: {
      summary: 'Save the clinic’s wording of a template (only allow-listed variables)',
      tags: ['notifications'],
      params: templateParams,
      body: templateInput,
      response: { 200: z.object({ version: z.number().int() }) },
    },
    handler: async (req) => {
      const org = organizationOf(req.actor);
      const errors = (['subject', 'body'] as const).flatMap((field) =>
        lintTemplate(req.body[field]).map((p) => ({
          pointer: `/body/${field}`,
          detail: `line ${p.line}, column ${p.column}: ${p.detail}`,
        })),
      );
      if (errors.length > 0) {
        throw new Invalid('The template uses something it may not: fix the marked places.', errors);
      }
      const version = await store.saveTemplate(
        deps.db,
        org,
        req.params,
        req.body,
        actorId(req.actor) ?? 'unknown',
      );
      req.audited.organizationId = org;
      return { version };
    },
  });
}
