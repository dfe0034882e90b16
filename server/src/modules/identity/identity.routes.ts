import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { anyOf, anySession, guest, publicAccess, signedIn } from '../access/access.policy.ts';
import { Unauthorized } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { clearSessionCookie, setSessionCookie } from './identity.cookie.ts';
import { emailedLinkRoutes } from './identity.link-routes.ts';
import type { IdentityDeps, RequestInfo } from './identity.deps.ts';
import {
  checkEmail,
  deviceView,
  emailField,
  idParams,
  passwordField,
  recoveryCodeField,
  sessionStateView,
  sessionView,
  slugField,
  stageSchema,
  totpField,
} from './identity.schema.ts';
import * as admin from './identity.admin.ts';
import { isAccountActor, type Signed } from './identity.deps.ts';
import * as mfa from './identity.mfa.ts';
import { resendSignInCode } from './identity.mfa-email.ts';
import * as identity from './identity.service.ts';
import { viewSession, viewSessionState } from './identity.session-view.ts';

const tags = ['identity'];

export function requestInfo(req: FastifyRequest): RequestInfo {
  return { requestId: req.id, ip: req.ip, userAgent: req.headers['user-agent'] };
}

/** The live account session behind a request, or 401 (a guest session has no account). */
export function signed(req: FastifyRequest): Signed {
  const { actor, session, account } = req;
  if (!session || !account || !isAccountActor(actor)) throw new Unauthorized();
  return { actor, session, account };
}

/** The live session behind a request, an account's or a guest's, or 401. */
export function live(req: FastifyRequest): Pick<Signed, 'actor' | 'session'> {
  const { actor, session } = req;
  if (!session || !isAccountActor(actor)) throw new Unauthorized();
  return { actor, session };
}

/** Any session, including a guest's: reading it back, signing out, staying signed in. */
const ownSession = anyOf(anySession, guest);

export const none = { 204: z.null() };
const secondFactor = z
  .strictObject({ code: totpField.optional(), recoveryCode: recoveryCodeField.optional() })
  .refine((f) => (f.code === undefined) !== (f.recoveryCode === undefined), {
    message: 'Give either code or recoveryCode',
  });

/** The audit action of an identity route, about an account unless said otherwise. */
export function acts(action: string, resourceType = 'account') {
  return { action, resourceType };
}

/**
 * Sign-in, MFA, step-up, the account's own password and devices; then the routes of the links
 * the server emails (identity.link-routes.ts). Each service writes its own audit
 * event in the transaction of its change, and failed or throttled attempts at once
 * (identity.attempts.ts); the route declares the same action so that it records the refusals no
 * service wrote (bad input, missing step-up, throttled links, conflicts that rolled back).
 */
export function identityRoutes(app: App, deps: IdentityDeps) {
  route(app, {
    method: 'POST',
    url: '/api/auth/sign-in',
    access: publicAccess,
    audit: acts('identity.sign_in'),
    schema: {
      summary: 'Sign in with email and password',
      tags,
      body: z.strictObject({ organization: slugField, email: emailField, password: passwordField }),
      response: { 200: z.object({ stage: stageSchema }) },
    },
    handler: async (req, reply) => {
      const result = await identity.signIn(deps, requestInfo(req), req.body);
      // A sign-in always gets a new session; one presented alongside it (a guest's too) ends.
      if (req.session) await identity.signOut(deps, requestInfo(req), live(req));
      setSessionCookie(reply, result.token, result.maxAgeSeconds);
      return { stage: result.stage };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/sign-out',
    access: ownSession,
    audit: acts('identity.sign_out', 'session'),
    schema: { summary: 'Sign out: ends the session on the server', tags, response: none },
    handler: async (req, reply) => {
      await identity.signOut(deps, requestInfo(req), live(req));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/auth/session',
    access: ownSession,
    // Only reads the caller's own session back; every page asks, signed in or not.
    audit: 'none',
    schema: {
      summary:
        'The signed-in account (or guest session) and its session; send X-Hourglass-Background: 1 when polling, so the idle timer is not reset',
      tags,
      response: { 200: sessionView },
    },
    handler: async (req) => {
      const { session } = live(req);
      return viewSession(deps.db, deps.vault, session, req.account);
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/auth/session/state',
    access: publicAccess,
    // Every page asks before reading the session; it says nothing about anyone else.
    audit: 'none',
    schema: {
      summary:
        'Whether the caller is signed in (200 either way, so signed-out pages log no failed request); send X-Hourglass-Background: 1 when polling',
      tags,
      response: { 200: sessionStateView },
    },
    handler: async (req) => viewSessionState(req.session, req.account),
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/session/extend',
    access: anyOf(signedIn, guest),
    audit: acts('identity.session.extend', 'session'),
    schema: {
      summary: '"Stay signed in": starts the idle timer again',
      tags,
      response: none,
    },
    handler: async (req, reply) => {
      await identity.extendSession(deps, requestInfo(req), live(req));
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/mfa/email-code',
    access: anySession,
    audit: acts('identity.mfa.email_code', 'session'),
    schema: {
      summary: 'Email a new sign-in code (patients without an authenticator; at most 5 an hour)',
      tags,
      response: checkEmail,
    },
    handler: async (req, reply) => {
      await resendSignInCode(deps, requestInfo(req), signed(req));
      return reply.code(202).send({ next: 'check-email' as const });
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/mfa/verify',
    access: anySession,
    audit: acts('identity.mfa.verify', 'session'),
    schema: {
      summary:
        'Finish signing in with an authenticator code, a recovery code, or (patients without an authenticator) the emailed code',
      tags,
      body: secondFactor,
      response: { 200: z.object({ stage: stageSchema }) },
    },
    handler: async (req, reply) => {
      const { code, recoveryCode } = req.body;
      const factor = code !== undefined ? { code } : { recoveryCode: recoveryCode! };
      const issued = await mfa.verifyMfa(deps, requestInfo(req), signed(req), factor);
      setSessionCookie(reply, issued.token, issued.maxAgeSeconds);
      return { stage: 'full' as const };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/mfa/enrollment',
    access: anySession,
    audit: acts('identity.mfa.enroll_start'),
    schema: {
      summary: 'Start setting up an authenticator app (TOTP)',
      tags,
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) },
    },
    handler: async (req) => mfa.startEnrollment(deps, requestInfo(req), signed(req), 'Hourglass'),
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/mfa/enrollment/confirm',
    access: anySession,
    audit: acts('identity.mfa.enroll'),
    schema: {
      summary: 'Confirm the authenticator with a code; returns ten recovery codes, shown once',
      tags,
      body: z.strictObject({ code: totpField }),
      response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
    },
    handler: async (req, reply) => {
      const { issued, recoveryCodes } = await mfa.confirmEnrollment(
        deps,
        requestInfo(req),
        signed(req),
        req.body.code,
      );
      setSessionCookie(reply, issued.token, issued.maxAgeSeconds);
      return { recoveryCodes };
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/auth/step-up',
    access: signedIn,
    audit: acts('identity.step_up', 'session'),
    schema: {
      summary: 'Confirm it is you (password or code) before a sensitive action',
      tags,
      body: z
        .strictObject({ password: passwordField.optional(), code: totpField.optional() })
        .refine((b) => (b.password === undefined) !== (b.code === undefined), {
          message: 'Give either password or code',
        }),
      response: none,
    },
    handler: async (req, reply) => {
      const { password, code } = req.body;
      await identity.stepUp(
        deps,
        requestInfo(req),
        signed(req),
        code !== undefined ? { code } : { password: password! },
      );
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/account/password',
    access: signedIn,
    audit: acts('identity.password.change'),
    schema: {
      summary: 'Change your password; other devices are signed out',
      tags,
      body: z.strictObject({ currentPassword: passwordField, newPassword: passwordField }),
      response: none,
    },
    handler: async (req, reply) => {
      const issued = await identity.changePassword(deps, requestInfo(req), signed(req), req.body);
      setSessionCookie(reply, issued.token, issued.maxAgeSeconds);
      return reply.code(204).send(null);
    },
  });

  route(app, {
    method: 'POST',
    url: '/api/account/recovery-codes',
    access: signedIn,
    audit: acts('identity.mfa.recovery_codes_regenerate'),
    schema: {
      summary: 'Replace your recovery codes (needs a fresh step-up)',
      tags,
      response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
    },
    handler: async (req) => ({
      recoveryCodes: await mfa.regenerateRecoveryCodes(deps, requestInfo(req), signed(req)),
    }),
  });

  route(app, {
    method: 'GET',
    url: '/api/account/sessions',
    access: signedIn,
    // Only the caller's own devices, no PHI; ending one of them is audited (below).
    audit: 'none',
    schema: {
      summary: 'Your devices: where you are signed in',
      tags,
      response: { 200: z.object({ sessions: z.array(deviceView) }) },
    },
    handler: async (req) => ({ sessions: await admin.mySessions(deps, signed(req)) }),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/account/sessions/:id',
    access: signedIn,
    audit: acts('identity.session.revoke', 'session'),
    schema: { summary: 'Sign one of your devices out', tags, params: idParams, response: none },
    handler: async (req, reply) => {
      await admin.revokeMySession(deps, requestInfo(req), signed(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  emailedLinkRoutes(app, deps);
}
