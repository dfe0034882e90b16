import { z } from 'zod';
import { route, type App } from '../../platform/http/route.ts';
import { anyOf, patient, schedulingStaff, workforce } from '../access/access.policy.ts';
import { readReports } from '../reports/reports.policy.ts';
import type { WaitlistDeps } from './waitlist.deps.ts';
import { accept, decline, openByToken } from './waitlist.offers.ts';
import { waitlistReport } from './waitlist.report.ts';
import {
  acceptAnswer,
  entryView,
  joinInput,
  offerView,
  priorityInput,
  reportQuery,
  settingsInput,
  staffEntryView,
  tokenInput,
  waitlistReport as reportSchema,
} from './waitlist.schema.ts';
import {
  getSettings,
  join,
  mine,
  putSettings,
  setPriority,
  staffList,
  withdraw,
} from './waitlist.service.ts';

const entryParams = z.strictObject({ entryId: z.uuid() });
const offerParams = z.strictObject({ offerId: z.uuid() });
const manageWaitlist = workforce('manager', 'admin');

/** The waitlist's HTTP routes: patients join and answer offers; staff keep the list. */
export function waitlistRoutes(app: App, deps: WaitlistDeps) {
  route(app, {
    method: 'POST',
    url: '/api/waitlist',
    access: anyOf(patient, schedulingStaff),
    audit: { action: 'waitlist.join', resourceType: 'waitlist_entry' },
    schema: {
      summary: 'Join the waitlist for an appointment type (a patient, or staff for one)',
      tags: ['waitlist'],
      body: joinInput,
      response: { 201: entryView },
    },
    handler: async (req, reply) => {
      const entry = await join(deps, req.actor, req.body);
      req.audited.resourceId = entry.id;
      req.audited.patientId = entry.patientId;
      return reply.code(201).send(entry);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/me/waitlist',
    access: patient,
    audit: { action: 'waitlist.list', resourceType: 'waitlist_entry' },
    schema: {
      summary: 'The patient’s waitlist entries with their open offers',
      tags: ['waitlist'],
      response: { 200: z.strictObject({ entries: z.array(entryView) }) },
    },
    handler: async (req) => {
      const entries = await mine(deps, req.actor);
      req.audited.resourceIds = entries.map((e) => e.id);
      return { entries };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/waitlist',
    access: schedulingStaff,
    audit: { action: 'waitlist.list', resourceType: 'waitlist_entry' },
    schema: {
      summary: 'The clinic’s waitlist (the staff member’s locations), best ranked first',
      tags: ['waitlist'],
      querystring: z.strictObject({
        status: z.enum(['waiting', 'booked', 'withdrawn']).optional(),
      }),
      response: { 200: z.strictObject({ entries: z.array(staffEntryView) }) },
    },
    handler: async (req) => {
      const entries = await staffList(deps, req.actor, req.query.status);
      req.audited.resourceIds = entries.map((e) => e.id);
      return { entries };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/waitlist/:entryId/priority',
    access: schedulingStaff,
    audit: { action: 'waitlist.priority', resourceType: 'waitlist_entry' },
    schema: {
      summary: 'Set an entry’s clinical priority (0–3, higher is offered first)',
      tags: ['waitlist'],
      params: entryParams,
      body: priorityInput,
      response: { 200: entryView },
    },
    handler: async (req) => {
      req.audited.resourceId = req.params.entryId;
      return setPriority(deps, req.actor, req.params.entryId, req.body.priority);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/waitlist/:entryId/withdraw',
    access: anyOf(patient, schedulingStaff),
    audit: { action: 'waitlist.withdraw', resourceType: 'waitlist_entry' },
    schema: {
      summary: 'Leave the waitlist (the patient), or take an entry off it (staff)',
      tags: ['waitlist'],
      params: entryParams,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      req.audited.resourceId = req.params.entryId;
      await withdraw(deps, req.actor, req.params.entryId);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/waitlist/offers/open',
    access: patient,
    audit: { action: 'waitlist.offer.open', resourceType: 'waitlist_offer' },
    schema: {
      summary: 'The offer an emailed link names (the token from its fragment), marked opened',
      tags: ['waitlist'],
      body: tokenInput,
      response: { 200: offerView },
    },
    handler: async (req) => {
      const offer = await openByToken(deps, req.actor, req.body.token);
      req.audited.resourceId = offer.id;
      return offer;
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/waitlist/offers/:offerId/accept',
    access: patient,
    audit: { action: 'waitlist.offer.accept', resourceType: 'waitlist_offer' },
    schema: {
      summary: 'Accept an offer: the held time becomes your booking (the first acceptance wins)',
      description:
        'A later acceptance of the same time is a 409 `offer-taken` naming your next open offer, if any. ' +
        'An entry that moves a booked visit earlier cancels that visit in the same transaction.',
      tags: ['waitlist'],
      params: offerParams,
      response: { 200: acceptAnswer },
    },
    handler: async (req) => {
      req.audited.resourceId = req.params.offerId;
      return accept(deps, req.actor, req.params.offerId);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/waitlist/offers/:offerId/decline',
    access: patient,
    audit: { action: 'waitlist.offer.decline', resourceType: 'waitlist_offer' },
    schema: {
      summary: 'Decline an offer; the time goes to the next on the waitlist',
      tags: ['waitlist'],
      params: offerParams,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      req.audited.resourceId = req.params.offerId;
      await decline(deps, req.actor, req.params.offerId);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/waitlist-settings',
    access: manageWaitlist,
    audit: { action: 'waitlist.settings.read', resourceType: 'waitlist_settings' },
    schema: {
      summary: 'How many candidates a freed time is offered to at once, and for how long',
      tags: ['waitlist'],
      response: { 200: settingsInput },
    },
    handler: async (req) => getSettings(deps, req.actor),
  });

  route(app, {
    method: 'PUT',
    url: '/api/admin/waitlist-settings',
    access: manageWaitlist,
    audit: { action: 'waitlist.settings.update', resourceType: 'waitlist_settings' },
    schema: {
      summary: 'Set the batch size (1–5) and how long an offer holds the time (5–1440 min)',
      tags: ['waitlist'],
      body: settingsInput,
      response: { 200: settingsInput },
    },
    handler: async (req) => putSettings(deps, req.actor, req.body),
  });

  route(app, {
    method: 'GET',
    url: '/api/reports/waitlist',
    access: readReports,
    audit: { action: 'report.read', resourceType: 'report' },
    schema: {
      summary: 'The waitlist offer ledger per appointment type, with fill rate and days sooner',
      tags: ['reports'],
      querystring: reportQuery,
      response: { 200: reportSchema },
    },
    handler: async (req) => {
      req.audited.resourceId = 'waitlist';
      return waitlistReport(deps, req.actor, req.query);
    },
  });
}
