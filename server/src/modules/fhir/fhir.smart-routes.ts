import { z } from 'zod';
import type { Db } from '../../platform/db/db.ts';
import { Forbidden, Unauthorized } from '../../platform/http/errors.ts';
import { route, type App } from '../../platform/http/route.ts';
import { publicAccess, workforce } from '../access/access.policy.ts';
import { scopedTypes } from '../access/access.scopes.ts';
import { operationOutcomeSchema } from './fhir.outcome.ts';
import type { FhirDeps } from './fhir.routes.ts';
import type { JwksUrlPolicy } from './fhir.jwks-url.ts';
import {
  assertionType,
  bearerActor,
  issueToken,
  OAuthError,
  registerClient,
  signingAlgorithms,
} from './fhir.smart.ts';

const tags = ['fhir'];

/** A form body's fields; a repeated one as a list, as a query string's would be. */
function formFields(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}
const oauthError = z.object({ error: z.string(), error_description: z.string() });
const anyError = z.union([oauthError, operationOutcomeSchema]);

/**
 * Inside the FHIR scope: the SMART configuration, the token endpoint (a form body, as OAuth has
 * it) and the bearer token's actor for every FHIR request that carries one.
 */
export function fhirSmartRoutes(app: App, deps: FhirDeps, base: string) {
  const tokenUrl = `${base}/auth/token`;
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_req, body, done) => done(null, formFields(body as string)),
  );
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    if (header === undefined) return;
    const m = /^Bearer (\S+)$/i.exec(header);
    const actor = m ? await bearerActor(deps.db, m[1]!, deps.now()) : undefined;
    if (!actor) throw new Unauthorized('The access token is not valid, or has expired.');
    req.actor = actor;
  });

  route(app, {
    method: 'GET',
    url: '/.well-known/smart-configuration',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'SMART configuration: the token endpoint and what it takes',
      tags,
      response: { 200: z.looseObject({ token_endpoint: z.string() }) },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return {
        token_endpoint: tokenUrl,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: [...signingAlgorithms],
        scopes_supported: scopedTypes.flatMap((t) => [`system/${t}.rs`, `system/${t}.cruds`]),
        capabilities: ['client-confidential-asymmetric', 'permission-v1', 'permission-v2'],
      };
    },
  });

  route(app, {
    method: 'POST',
    url: '/auth/token',
    access: publicAccess,
    audit: { action: 'fhir.token.issue', resourceType: 'fhir_client' },
    schema: {
      summary: 'SMART Backend Services token endpoint (client_credentials, private_key_jwt)',
      tags,
      body: z.strictObject({
        grant_type: z.literal('client_credentials'),
        scope: z.string().min(1).max(2000),
        client_assertion_type: z.literal(assertionType),
        client_assertion: z.string().min(1).max(16_000),
      }),
      response: {
        200: z.object({
          access_token: z.string(),
          token_type: z.string(),
          expires_in: z.number(),
          scope: z.string(),
        }),
        '4xx': anyError,
        '5xx': operationOutcomeSchema,
      },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        const issued = await issueToken(deps.db, req.body, {
          audience: tokenUrl,
          now: deps.now(),
          ...(deps.jwksPolicy ? { jwksPolicy: deps.jwksPolicy } : {}),
        });
        req.audited.resourceId = issued.clientId;
        req.audited.organizationId = issued.organizationId;
        return issued.answer;
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        if (err.retryAfterSeconds !== undefined) {
          reply.header('retry-after', String(err.retryAfterSeconds));
        }
        return reply.code(err.status).send({ error: err.error, error_description: err.message });
      }
    },
  });
}

const jwk = z.looseObject({ kty: z.string().max(10) });

/** Registering a backend service: an admin of the organization, with its public keys. */
export function fhirClientRoutes(app: App, db: Db, jwksPolicy?: JwksUrlPolicy) {
  route(app, {
    method: 'POST',
    url: '/api/admin/fhir-clients',
    access: workforce('admin'),
    audit: { action: 'fhir.client.register', resourceType: 'fhir_client' },
    schema: {
      summary:
        'Register a SMART Backend Services client (its JWKS or JWKS URL, and the system scopes it may ask)',
      tags,
      body: z.strictObject({
        name: z.string().trim().min(1).max(200),
        jwks: z.strictObject({ keys: z.array(jwk).min(1).max(10) }).optional(),
        jwks_uri: z.string().max(2000).optional(),
        scopes: z.array(z.string().max(100)).min(1).max(20),
      }),
      response: { 201: z.object({ clientId: z.string() }) },
    },
    handler: async (req, reply) => {
      if (req.actor.type !== 'user') throw new Forbidden();
      const clientId = await registerClient(db, req.actor.organizationId, req.body, jwksPolicy);
      req.audited.resourceId = clientId;
      req.audited.organizationId = req.actor.organizationId;
      return reply.code(201).send({ clientId });
    },
  });
}
