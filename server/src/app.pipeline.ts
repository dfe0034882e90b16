import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import swagger from '@fastify/swagger';
import Fastify, { LogController } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { reportUnreadableRecords } from './platform/crypto/unreadable.ts';
import type { Db } from './platform/db/db.ts';
import { anonymous } from './platform/http/actor.ts';
import { acceptJsonOnly } from './platform/http/json-body.ts';
import { errorHandler, notFoundProblem, sendProblem, toProblem } from './platform/http/problem.ts';
import { enterRequest } from './platform/http/request-context.ts';
import {
  guardRouteRegistry,
  route,
  type App,
  type RegisteredRoute,
} from './platform/http/route.ts';
import { securityHeaders } from './platform/http/security.ts';
import { refuseUnstorableText } from './platform/http/text-input.ts';
import type { Logger } from './platform/log/log.ts';
import type { Clock } from './platform/time/clock.ts';
import { publicAccess } from './modules/access/access.policy.ts';
import type { Audit } from './modules/audit/audit.service.ts';
import { installSessionResolution } from './modules/identity/identity.actor.ts';

/**
 * The request pipeline every route runs in, before any module's routes are added: Fastify with
 * its limits and TLS, JSON-only bodies, the actor (anonymous until the session says otherwise),
 * the per-request audit record, one log line per request, one error handler, security headers,
 * the route registry's guard (`routes` collects what each route declares) and the OpenAPI document.
 */
export async function createPipeline(deps: {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  audit: Audit;
  routes: RegisteredRoute[];
}): Promise<App> {
  const { config, log, db, clock, audit, routes } = deps;
  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.behindTlsProxy ? config.trustedProxies : false,
    return503OnClosing: true,
    ...(config.tls
      ? {
          https: {
            cert: readFileSync(config.tls.certFile),
            key: readFileSync(config.tls.keyFile),
            minVersion: 'TLSv1.2' as const,
          },
        }
      : {}),
    frameworkErrors: (err, req, reply) => sendProblem(reply, toProblem(err, req)),
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  acceptJsonOnly(app);
  refuseUnstorableText(app);
  app.decorate('auditSink', audit);
  app.decorateRequest('actor', null as never);
  app.decorateRequest('audited', null as never);
  app.decorateRequest('accessDenied', false);
  app.addHook('onRequest', (req, _reply, done) => {
    req.actor = anonymous;
    req.audited = {};
    enterRequest(req, done);
  });
  // Replaces the anonymous actor with the session's, and refuses cross-site state changes.
  installSessionResolution(app, { db, clock });
  app.addHook('onResponse', async (req, reply) => {
    // One line per request: ids, route pattern and status. Never the URL (it may carry a query),
    // never a body.
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  app.setErrorHandler(errorHandler);
  reportUnreadableRecords(app);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, notFoundProblem(req)));
  await securityHeaders(app, { hsts: Boolean(config.tls) || config.behindTlsProxy });
  guardRouteRegistry(app, routes);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hourglass API',
        version: '0.1.0',
        description:
          'Appointment scheduling for healthcare providers. Errors are RFC 9457 problems.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  route(app, {
    method: 'GET',
    url: '/api/openapi.json',
    access: publicAccess,
    audit: 'none',
    schema: {
      summary: 'This API as an OpenAPI 3.1 document',
      tags: ['meta'],
      response: { 200: z.looseObject({ openapi: z.string() }) },
    },
    handler: async () => app.swagger() as { openapi: string },
  });
  return app;
}
