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
import pino, { type DestinationStream } from 'pino';
import { z } from 'zod';
import type { Config } from './config.ts';
import { openDb, type Db } from './platform/db/db.ts';
import { migrate } from './platform/db/migrate.ts';
import { anonymous } from './platform/http/actor.ts';
import { acceptJsonOnly } from './platform/http/json-body.ts';
import { errorHandler, notFoundProblem, sendProblem, toProblem } from './platform/http/problem.ts';
import {
  guardRouteRegistry,
  route,
  type App,
  type RegisteredRoute,
} from './platform/http/route.ts';
import { securityHeaders } from './platform/http/security.ts';
import { createJobs, type Jobs } from './platform/jobs/jobs.ts';
import { createLogger, type Logger } from './platform/log/log.ts';
import { createSyslogClient, syslogLogStream } from './platform/log/syslog.ts';
import { publicAccess } from './modules/access/access.policy.ts';
import { createAlertEngine } from './modules/audit/audit.alerts.ts';
import { fileWitness } from './modules/audit/audit.checkpoint.ts';
import { createSealer, type Sealer } from './modules/audit/audit.sealer.ts';
import { shipAuditEvents } from './modules/audit/audit.shipping.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { createAudit } from './modules/audit/audit.service.ts';
import { loadAuditSigner } from './modules/audit/audit.signing.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { webRoutes } from './modules/web/web.routes.ts';

export interface Hourglass {
  app: App;
  db: Db;
  jobs: Jobs | undefined;
  log: Logger;
  /** The audit sealing job, when HOURGLASS_AUDIT_SEAL_INTERVAL_MS is above 0. */
  sealer: Sealer | undefined;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An open database to use instead of opening one from the config (tests). */
  db?: Db;
  /** Where log lines go (tests capture them); stdout otherwise. */
  logStream?: DestinationStream;
  /** Extra routes, registered through the same helper (tests). */
  extraRoutes?: (app: App, db: Db) => void;
}

/** Builds the whole server from config: database, migrations, jobs, pipeline and every module. */
export async function buildApp(opts: BuildOptions): Promise<Hourglass> {
  const { config } = opts;
  const syslog = config.syslog
    ? createSyslogClient({
        url: config.syslog.url,
        ...(config.syslog.caFile ? { ca: readFileSync(config.syslog.caFile) } : {}),
      })
    : undefined;
  const log = createLogger(
    config.logLevel,
    syslog && config.logLevel !== 'silent'
      ? pino.multistream([
          { level: config.logLevel, stream: opts.logStream ?? process.stdout },
          { level: config.logLevel, stream: syslogLogStream(syslog) },
        ])
      : opts.logStream,
  );
  const db = opts.db ?? (await openDb(config));
  await migrate(db);
  const jobs = config.jobs ? createJobs(db, { databaseUrl: config.databaseUrl, log }) : undefined;
  await jobs?.start();

  const sealer =
    config.audit.sealIntervalMs > 0
      ? createSealer({
          db,
          signer: await loadAuditSigner(config, { create: config.profile !== 'production' }),
          witnesses: [fileWitness(config.audit.witnessDir)],
          log,
          afterRun: () => createAlertEngine({ db, log }).runOnce(),
          ...(syslog ? { onSealed: shipAuditEvents(syslog) } : {}),
        })
      : undefined;

  const routes: RegisteredRoute[] = [];
  const app = Fastify({
    loggerInstance: log,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.behindTlsProxy,
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
  app.decorate('auditSink', createAudit(db));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('audited', null as never);
  app.decorateRequest('accessDenied', false);
  app.addHook('onRequest', async (req) => {
    req.actor = anonymous;
    req.audited = {};
  });
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
  healthRoutes(app, { db, jobs });
  directoryRoutes(app, db);
  auditRoutes(app, db);
  opts.extraRoutes?.(app, db);
  await webRoutes(app, config.webDir);

  // Sealing on shutdown: the last events of this process are checkpointed before the database
  // closes (Fastify runs onClose hooks after in-flight requests finish).
  if (sealer) app.addHook('onClose', () => sealer.stop());
  if (syslog) app.addHook('onClose', () => syslog.close());
  await app.ready();
  sealer?.start(config.audit.sealIntervalMs);

  return {
    app,
    db,
    jobs,
    log,
    sealer,
    routes,
    async close() {
      await app.close();
      await jobs?.stop();
      await db.close();
    },
  };
}
