import { z } from 'zod';
import { workforce } from '../access/access.policy.ts';
import { route, type App } from '../../platform/http/route.ts';
import * as accounts from './identity.accounts.ts';
import * as admin from './identity.admin.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { acts, requestInfo, signed } from './identity.routes.ts';
import { accountView, emailField, idParams, roleField } from './identity.schema.ts';

const tags = ['identity admin'];
const admins = workforce('admin');
const sessionPolicyBody = z.strictObject({
  workforceIdleMinutes: z.number().int().min(2).max(15),
  workforceAbsoluteHours: z.number().int().min(1).max(12),
  patientIdleMinutes: z.number().int().min(2).max(30),
  patientAbsoluteHours: z.number().int().min(1).max(24),
});
const rolesBody = z.strictObject({
  roles: z.array(roleField).min(1).max(5),
  locationIds: z.array(z.uuid()).max(100).default([]),
});

/**
 * Administration of workforce accounts and the organization's automatic-logoff policy. The
 * services write each change's event in its transaction; the routes declare the same actions so
 * that refusals (not an admin, no fresh step-up, conflicts that rolled back) leave one too.
 */
export function identityAdminRoutes(app: App, deps: IdentityDeps) {
  route(app, {
    method: 'GET',
    url: '/api/admin/accounts',
    access: admins,
    audit: acts('identity.account.list'),
    schema: {
      summary: 'Workforce accounts of your organization',
      tags,
      response: { 200: z.object({ accounts: z.array(accountView) }) },
    },
    handler: async (req) => {
      const accounts = await admin.listWorkforce(deps, signed(req).actor);
      req.audited.resourceIds = accounts.map((a) => a.id);
      return { accounts };
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/invitations',
    access: admins,
    audit: acts('identity.invitation.list', 'invitation'),
    schema: {
      summary: 'Invitations of your organization not yet accepted nor expired',
      tags,
      response: {
        200: z.object({
          invitations: z.array(
            z.object({
              id: z.uuid(),
              displayName: z.string(),
              email: z.string(),
              roles: z.array(z.string()),
              createdAt: z.string(),
              expiresAt: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async (req) => {
      const invitations = await admin.pendingInvitations(deps, signed(req).actor);
      req.audited.resourceIds = invitations.map((i) => i.id);
      return { invitations };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/admin/invitations',
    access: admins,
    audit: acts('identity.account.invite', 'invitation'),
    schema: {
      summary: 'Invite a workforce user (single-use link by email, valid 72 hours)',
      tags,
      body: z.strictObject({
        email: emailField,
        displayName: z.string().trim().min(1).max(200),
        roles: z.array(roleField).min(1).max(5),
        locationIds: z.array(z.uuid()).max(100).default([]),
        providerId: z.uuid().nullable().default(null),
      }),
      response: { 201: z.object({ id: z.uuid(), expiresAt: z.string() }) },
    },
    handler: async (req, reply) => {
      const inv = await accounts.invite(deps, requestInfo(req), signed(req), req.body);
      return reply.code(201).send({ id: inv.id, expiresAt: inv.expiresAt.toISOString() });
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/admin/accounts/:id/roles',
    access: admins,
    audit: acts('identity.account.roles_change'),
    schema: {
      summary: "Change a user's roles and locations (needs a fresh step-up; ends their sessions)",
      tags,
      params: idParams,
      body: rolesBody,
      response: { 200: accountView },
    },
    handler: async (req) =>
      admin.changeRoles(deps, requestInfo(req), signed(req), req.params.id, req.body),
  });

  for (const [verb, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    route(app, {
      method: 'POST',
      url: `/api/admin/accounts/:id/${verb}`,
      access: admins,
      audit: acts(`identity.account.${verb}`),
      schema: {
        summary:
          verb === 'disable'
            ? 'Disable an account: all its sessions end at once'
            : 'Enable a disabled account',
        tags,
        params: idParams,
        response: { 200: accountView },
      },
      handler: async (req) =>
        admin.setAccountStatus(deps, requestInfo(req), signed(req), req.params.id, status),
    });
  }

  route(app, {
    method: 'DELETE',
    url: '/api/admin/accounts/:id/sessions',
    access: admins,
    audit: acts('identity.session.revoke'),
    schema: {
      summary: 'Sign a user out everywhere',
      tags,
      params: idParams,
      response: { 200: z.object({ ended: z.number().int() }) },
    },
    handler: async (req) =>
      admin.revokeAccountSessions(deps, requestInfo(req), signed(req), req.params.id),
  });

  route(app, {
    method: 'GET',
    url: '/api/admin/session-policy',
    access: admins,
    audit: acts('identity.session_policy.read', 'organization'),
    schema: {
      summary: 'Automatic logoff for your organization (the defaults until an admin sets it)',
      tags,
      response: { 200: sessionPolicyBody },
    },
    handler: async (req) => {
      const p = await admin.sessionPolicy(deps, signed(req));
      req.audited.resourceId = signed(req).actor.organizationId;
      return {
        workforceIdleMinutes: p.workforce_idle_minutes,
        workforceAbsoluteHours: p.workforce_absolute_hours,
        patientIdleMinutes: p.patient_idle_minutes,
        patientAbsoluteHours: p.patient_absolute_hours,
      };
    },
  });

  route(app, {
    method: 'PUT',
    url: '/api/admin/session-policy',
    access: admins,
    audit: acts('identity.session_policy.change', 'organization'),
    schema: {
      summary: 'Automatic logoff for your organization, within safe bounds (needs a fresh step-up)',
      tags,
      body: sessionPolicyBody,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await admin.setSessionPolicy(deps, requestInfo(req), signed(req), {
        workforce_idle_minutes: req.body.workforceIdleMinutes,
        workforce_absolute_hours: req.body.workforceAbsoluteHours,
        patient_idle_minutes: req.body.patientIdleMinutes,
        patient_absolute_hours: req.body.patientAbsoluteHours,
      });
      return reply.code(204).send(null);
    },
  });
}
