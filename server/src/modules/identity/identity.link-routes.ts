import { z } from 'zod';
import { publicAccess } from '../access/access.policy.ts';
import { route, type App } from '../../platform/http/route.ts';
import * as accounts from './identity.accounts.ts';
import type { IdentityDeps } from './identity.deps.ts';
import * as registration from './identity.registration.ts';
import { acts, none, requestInfo } from './identity.routes.ts';
import {
  checkEmail,
  emailField,
  passwordField,
  registrationBody,
  slugField,
  tokenField,
} from './identity.schema.ts';

const tags = ['identity'];

/**
 * The routes behind the links the server emails, all public: registration and its email
 * verification, password reset, and a workforce invitation's acceptance. Each service audits its
 * own change; the route's action records the refusals no service wrote.
 */
export function emailedLinkRoutes(app: App, deps: IdentityDeps) {
  route(app, {
    method: 'POST',
    url: '/api/auth/register',
    access: publicAccess,
    audit: acts('identity.account.register'),
    schema: {
      summary:
        'Register as a patient with the identity booking needs; a confirmation link is emailed',
      tags,
      body: registrationBody,
      response: checkEmail,
    },
    handler: async (req, reply) => {
      await registration.registerPatient(deps, requestInfo(req), req.body);
      return reply.code(202).send({ next: 'check-email' as const });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/verify-email',
    access: publicAccess,
    audit: acts('identity.account.verify_email'),
    schema: {
      summary: 'Confirm an email address with the emailed link',
      tags,
      body: z.strictObject({ token: tokenField }),
      response: none,
    },
    handler: async (req, reply) => {
      await registration.verifyEmail(deps, requestInfo(req), req.body.token);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/password-reset',
    access: publicAccess,
    audit: acts('identity.password.reset_request'),
    schema: {
      summary: 'Ask for a password reset link (same answer whether or not the account exists)',
      tags,
      body: z.strictObject({ organization: slugField, email: emailField }),
      response: checkEmail,
    },
    handler: async (req, reply) => {
      await accounts.requestPasswordReset(deps, requestInfo(req), req.body);
      return reply.code(202).send({ next: 'check-email' as const });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/password-reset/complete',
    access: publicAccess,
    audit: acts('identity.password.reset'),
    schema: {
      summary: 'Set a new password with the emailed link; sign-in still needs the second factor',
      tags,
      body: z.strictObject({ token: tokenField, newPassword: passwordField }),
      response: none,
    },
    handler: async (req, reply) => {
      await accounts.completePasswordReset(deps, requestInfo(req), req.body);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/invitations/accept',
    access: publicAccess,
    audit: acts('identity.account.create'),
    schema: {
      summary: 'Accept a workforce invitation by choosing a password',
      tags,
      body: z.strictObject({ token: tokenField, password: passwordField }),
      response: none,
    },
    handler: async (req, reply) => {
      await accounts.acceptInvitation(deps, requestInfo(req), req.body);
      return reply.code(204).send(null);
    },
  });
}
