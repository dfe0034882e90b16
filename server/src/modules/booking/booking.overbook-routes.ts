import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { route, type App } from '../../platform/http/route.ts';
import { schedulingStaff } from '../access/access.policy.ts';
import {
  dayRisks,
  overbookSuggestions,
  riskAnswer,
  riskQuery,
  suggestionsAnswer,
} from './booking.overbook-advice.ts';
import {
  listOverbookPolicies,
  overbookAllowance,
  overbookAllowanceQuery,
  overbookPolicyInput,
  overbookPolicyView,
  readOverbookAllowance,
  removeOverbookPolicy,
  setOverbookPolicy,
} from './booking.overbook-policy.ts';
import { manageVisitPolicy, readSchedule } from './booking.policy.ts';

const locationParams = z.strictObject({ locationId: z.uuid() });

/** The overbooking policy (managers), its allowance (the front desk), and the no-show risk. */
export function bookingOverbookRoutes(app: App, deps: { db: Db; now: () => number }) {
  route(app, {
    method: 'GET',
    url: '/api/admin/overbook-policies',
    access: manageVisitPolicy,
    audit: { action: 'booking.overbook_policy.read', resourceType: 'overbook_policy' },
    schema: {
      summary:
        'The organization’s overbooking policy: per provider a default and per-type overrides',
      tags: ['booking'],
      response: { 200: z.strictObject({ policies: z.array(overbookPolicyView) }) },
    },
    handler: async (req) => ({ policies: await listOverbookPolicies(req.actor, deps.db) }),
  });

  route(app, {
    method: 'PUT',
    url: '/api/admin/overbook-policies',
    access: manageVisitPolicy,
    audit: { action: 'booking.overbook_policy.update', resourceType: 'overbook_policy' },
    schema: {
      summary: 'Set a provider’s overbooking default or one appointment type’s override',
      description:
        'Whether overbooking is allowed, how many extra at once (1..5) and per hour and day ' +
        '(null: no cap). The database enforces it on every overbooking.',
      tags: ['booking'],
      body: overbookPolicyInput,
      response: { 200: overbookPolicyView },
    },
    handler: async (req) => setOverbookPolicy(req.actor, deps.db, new Date(deps.now()), req.body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/admin/overbook-policies/:providerId',
    access: manageVisitPolicy,
    audit: { action: 'booking.overbook_policy.delete', resourceType: 'overbook_policy' },
    schema: {
      summary: 'Remove a per-type override (with appointmentTypeId) or the provider’s default',
      tags: ['booking'],
      params: z.strictObject({ providerId: z.uuid() }),
      querystring: z.strictObject({ appointmentTypeId: z.uuid().optional() }),
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await removeOverbookPolicy(
        req.actor,
        deps.db,
        req.params.providerId,
        req.query.appointmentTypeId ?? null,
      );
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/overbook/allowance',
    access: schedulingStaff,
    audit: 'none',
    schema: {
      summary: 'What remains of the overbooking policy at a start (no patients)',
      description: 'The database’s own reckoning, the one the booking meets.',
      tags: ['booking'],
      querystring: overbookAllowanceQuery,
      response: { 200: overbookAllowance },
    },
    handler: async (req) => readOverbookAllowance(req.actor, deps.db, req.query),
  });

  route(app, {
    method: 'GET',
    url: '/api/locations/:locationId/no-show-risk',
    access: readSchedule,
    audit: { action: 'booking.no_show_risk.read', resourceType: 'appointment' },
    schema: {
      summary: 'The no-show risk of each booked appointment of a local day',
      description: 'Computed in the database from the clinic’s own history; see the manager guide.',
      tags: ['booking'],
      params: locationParams,
      querystring: riskQuery,
      response: { 200: riskAnswer },
    },
    handler: async (req) => {
      const r = await dayRisks(
        req.actor,
        deps.db,
        new Date(deps.now()),
        req.params.locationId,
        req.query,
      );
      req.audited.resourceIds = r.entries.map((e) => e.appointmentId);
      return r;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/locations/:locationId/overbook-suggestions',
    access: readSchedule,
    audit: { action: 'booking.overbook_suggestions.read', resourceType: 'schedule' },
    schema: {
      summary: 'Where an overbooking is safest on a local day: the riskiest booked times',
      tags: ['booking'],
      params: locationParams,
      querystring: riskQuery,
      response: { 200: suggestionsAnswer },
    },
    handler: async (req) => {
      req.audited.resourceId = req.params.locationId;
      return overbookSuggestions(
        req.actor,
        deps.db,
        new Date(deps.now()),
        req.params.locationId,
        req.query,
      );
    },
  });
}
