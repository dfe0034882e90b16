import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  FastifySerializerCompiler,
  HTTPMethods,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
  RouteOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorId, type Actor } from './actor.ts';
import { Forbidden, Unauthorized } from './errors.ts';
import { auditUnavailable, problemSchema, sendProblem } from './problem.ts';
import { currentRequest } from './request-context.ts';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Who may call a route. Checked before the body is validated or any record is loaded. */
export interface Policy {
  readonly name: string;
  allows(req: FastifyRequest): boolean | Promise<boolean>;
}

/**
 * What a route leaves in the audit trail. Required (not 'none') for every route that reads or
 * writes PHI or acts on accounts (sign-in, MFA, administration), so that its refusals are
 * recorded too. The handler may name the record it touched with `req.audited`.
 */
export interface AuditSpec {
  action: string;
  resourceType: string;
}

export type Outcome = 'success' | 'denied' | 'failed';

export interface AuditEntry {
  actor: Actor;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  patientId?: string | null;
  organizationId?: string | null;
  outcome: Outcome;
  requestId?: string | null;
  ip?: string | null;
  /** Every record a list or search returned (ids only). */
  resourceIds?: readonly string[] | null;
  /** The caller's User-Agent header; only a digest of it is stored. */
  userAgent?: string | null;
  /** ISO 3166-1 alpha-2 country of the source address, where resolved (sign-in). */
  country?: string | null;
}

/** Where the route layer writes audit entries; the audit module provides it. */
export interface AuditSink {
  record(entry: AuditEntry): Promise<void>;
}

export interface RouteDeclaration {
  access: Policy;
  audit: AuditSpec | 'none';
}

export interface RouteSpec<S extends FastifySchema> extends RouteDeclaration {
  method: HTTPMethods | HTTPMethods[];
  url: string;
  schema: S & { summary?: string; description?: string; tags?: string[] };
  /** A route whose answers are large may serialize them itself, still to its response schema. */
  serializerCompiler?: FastifySerializerCompiler<unknown>;
  handler: RouteHandlerMethod<
    RawServerDefault,
    IncomingMessage,
    ServerResponse,
    RouteGenericInterface,
    unknown,
    S,
    ZodTypeProvider
  >;
}

export class RouteDeclarationError extends Error {
  override name = 'RouteDeclarationError';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** What the handler touched, for the audit event. */
    audited: {
      resourceId?: string;
      resourceIds?: readonly string[];
      patientId?: string;
      organizationId?: string;
    };
    accessDenied: boolean;
  }
  interface FastifyInstance {
    auditSink: AuditSink;
  }
  interface FastifyContextConfig {
    access?: Policy;
    audit?: AuditSpec | 'none';
  }
}

const problemResponses = { '4xx': problemSchema, '5xx': problemSchema };

/**
 * The one way to declare a route: its full schema, who may call it and what it leaves in the
 * audit trail, in one place. Bodies and queries must be strict objects, so unknown fields are
 * refused rather than ignored.
 */
export function route<S extends FastifySchema>(app: App, spec: RouteSpec<S>): void {
  const where = `${String(spec.method)} ${spec.url}`;
  if (!spec.access) throw new RouteDeclarationError(`${where} declares no access policy`);
  if (!spec.audit) {
    throw new RouteDeclarationError(
      `${where} declares no audit action (use 'none' only without PHI)`,
    );
  }
  for (const part of ['body', 'querystring', 'params'] as const) {
    const schema = spec.schema[part];
    // A body may also be a list of strict objects (a JSON Patch document is an array).
    const listOk =
      part === 'body' && schema instanceof z.ZodArray && isStrictObject(schema.element);
    if (schema !== undefined && !isStrictObject(schema) && !listOk) {
      throw new RouteDeclarationError(`${where}: schema.${part} must be a z.strictObject`);
    }
  }
  const response = { ...problemResponses, ...(spec.schema.response as object | undefined) };
  app.route({
    method: spec.method,
    url: spec.url,
    schema: { ...spec.schema, response },
    config: { access: spec.access, audit: spec.audit },
    onRequest: async (req: FastifyRequest) => {
      if (!(await spec.access.allows(req))) {
        req.accessDenied = true;
        // Nobody signed in: say so, so the client can offer sign-in. Signed in: not allowed.
        throw req.actor.type === 'anonymous' ? new Unauthorized() : new Forbidden();
      }
    },
    ...(spec.audit === 'none'
      ? {}
      : {
          // Only what the handler's services write may stand for the route's own event.
          preHandler: async () => {
            const request = currentRequest();
            if (!request) return;
            request.eventsBeforeHandler = request.eventsRecorded;
            request.refusalsBeforeHandler = request.refusalsCommitted;
          },
          onSend: auditOnSend(spec.audit),
        }),
    ...(spec.serializerCompiler ? { serializerCompiler: spec.serializerCompiler } : {}),
    handler: spec.handler,
  } as unknown as RouteOptions);
}

function isStrictObject(schema: unknown): boolean {
  if (!(schema instanceof z.ZodObject)) return false;
  const catchall = schema.def.catchall;
  return catchall instanceof z.ZodNever;
}

/** Refused by policy (access, step-up, throttle) is `denied`; any other error is `failed`. */
function outcomeOf(req: FastifyRequest, status: number): Outcome {
  if (req.accessDenied || status === 401 || status === 403 || status === 429) return 'denied';
  return status < 400 ? 'success' : 'failed';
}

/** Whether the handler's services already wrote the event that stands for this request. */
function alreadyAccounted(outcome: Outcome): boolean {
  const request = currentRequest();
  if (!request) return false;
  return outcome === 'success'
    ? request.eventsRecorded > request.eventsBeforeHandler
    : request.refusalsCommitted > request.refusalsBeforeHandler;
}

function auditOnSend(spec: AuditSpec) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const outcome = outcomeOf(req, reply.statusCode);
    // One request, one account of it. A service that succeeded has already written the event of
    // its change, inside the change's transaction and stamped with this request (see
    // request-context.ts), so the route writes the success only when no service did. A refusal
    // is the route's to write, since a service's event inside a transaction that then rolled
    // back is gone, unless a service wrote one outside any transaction: that one is committed.
    if (alreadyAccounted(outcome)) return payload;
    // 304 Not Modified: the caller's copy is still current and nothing was shown again (the
    // answer carries no body); the 200 that gave them that copy was audited.
    if (reply.statusCode === 304) return payload;
    try {
      await req.server.auditSink.record({
        actor: req.actor,
        action: spec.action,
        resourceType: spec.resourceType,
        resourceId: req.audited.resourceId ?? null,
        patientId: req.audited.patientId ?? null,
        organizationId: req.audited.organizationId ?? null,
        outcome,
        requestId: req.id,
        ip: req.ip,
        resourceIds: req.audited.resourceIds ?? null,
        userAgent: req.headers['user-agent'] ?? null,
      });
      return payload;
    } catch (err) {
      // An action that cannot be audited is reported as failed rather than passed over in silence.
      req.log.error({ err, actorId: actorId(req.actor) }, 'audit write failed');
      const body = auditUnavailable(req);
      reply.code(500).type('application/problem+json; charset=utf-8');
      return JSON.stringify(body);
    }
  };
}

/** Every route the app registered, with what it declared: the route × role tests walk this. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access: string | undefined;
  audit: string | undefined;
}

/**
 * Deny by default: any route that reaches Fastify without an access policy and an audit
 * declaration — registered around the helper, or by a plugin — stops the app from starting.
 */
export function guardRouteRegistry(app: FastifyInstance, registry: RegisteredRoute[]) {
  app.addHook('onRoute', (opts) => {
    const access = opts.config?.access;
    const audit = opts.config?.audit;
    const method = Array.isArray(opts.method) ? opts.method.join(',') : opts.method;
    if (!access || !audit) {
      throw new RouteDeclarationError(
        `${method} ${opts.url} was registered without an access policy and audit declaration; use route()`,
      );
    }
    registry.push({
      method,
      url: opts.url,
      access: access.name,
      audit: audit === 'none' ? 'none' : audit.action,
    });
  });
}

export { sendProblem };
