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
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import type { Config } from './config.ts';
import { openKeyring, type Keyring } from './platform/crypto/keyring.ts';
import { startReencryptWorker } from './platform/crypto/keys.job.ts';
import type { EncryptedTable } from './platform/crypto/keys.ts';
import { reportUnreadableRecords } from './platform/crypto/unreadable.ts';
import { createVault, type Vault } from './platform/crypto/vault.ts';
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
import { publicAccess } from './modules/access/access.policy.ts';
import { createAudit } from './modules/audit/audit.service.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { intakeDocumentRoutes } from './modules/intake/intake.documents.routes.ts';
import { createDocuments } from './modules/intake/intake.documents.ts';
import { intakeEncryptedTables, intakeExport } from './modules/intake/intake.keys.ts';
import { patientsEncryptedTables } from './modules/patients/patients.keys.ts';
import { commandScanner, noScanner } from './modules/intake/intake.scanner.ts';
import { startIntakeJobs } from './modules/intake/intake.jobs.ts';
import { intakeRoutes } from './modules/intake/intake.routes.ts';
import { createIntake } from './modules/intake/intake.service.ts';
import { patientRelationsRoutes } from './modules/patients/patients.relations.routes.ts';
import { createPatientRelations } from './modules/patients/patients.relations.service.ts';
import { patientsRoutes } from './modules/patients/patients.routes.ts';
import { createPatients } from './modules/patients/patients.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { webRoutes } from './modules/web/web.routes.ts';

/** Every table holding vault ciphertexts: key inventory, rotation and re-encryption walk these. */
export const encryptedTables: EncryptedTable[] = [
  ...patientsEncryptedTables,
  ...intakeEncryptedTables,
];

export interface Hourglass {
  app: App;
  db: Db;
  jobs: Jobs | undefined;
  vault: Vault;
  log: Logger;
  routes: RegisteredRoute[];
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An open database to use instead of opening one from the config (tests). */
  db?: Db;
  /** A keyring to use instead of the configured one (tests). */
  keyring?: Keyring;
  /** Where log lines go (tests capture them); stdout otherwise. */
  logStream?: DestinationStream;
  /** Extra routes, registered through the same helper (tests). */
  extraRoutes?: (app: App, db: Db) => void;
}

/** Builds the whole server from config: database, migrations, jobs, pipeline and every module. */
export async function buildApp(opts: BuildOptions): Promise<Hourglass> {
  const { config } = opts;
  const log = createLogger(config.logLevel, opts.logStream);
  const db = opts.db ?? (await openDb(config));
  await migrate(db);
  const vault = createVault(opts.keyring ?? (await openKeyring(config)));
  const jobs = config.jobs ? createJobs(db, { databaseUrl: config.databaseUrl, log }) : undefined;
  await jobs?.start();
  if (jobs) await startReencryptWorker(jobs, { db, vault, tables: encryptedTables, log });

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
  healthRoutes(app, { db, jobs });
  directoryRoutes(app, db);
  const patients = createPatients({ db, vault, audit: createAudit(db) });
  patientsRoutes(app, patients);
  patientRelationsRoutes(
    app,
    createPatientRelations({
      db,
      vault,
      audit: createAudit(db),
      patients,
      contributors: [intakeExport(vault)],
    }),
  );
  const intake = createIntake({ db, vault, audit: createAudit(db), patients });
  intakeRoutes(app, intake);
  if (jobs) await startIntakeJobs(jobs, intake, log);
  intakeDocumentRoutes(
    app,
    createDocuments({
      db,
      vault,
      audit: createAudit(db),
      patients,
      scanner: config.scanCommand ? commandScanner(config.scanCommand) : noScanner,
    }),
  );
  opts.extraRoutes?.(app, db);
  await webRoutes(app, config.webDir);

  await app.ready();

  return {
    app,
    db,
    jobs,
    vault,
    log,
    routes,
    async close() {
      await app.close();
      await jobs?.stop();
      await db.close();
      vault.keyring.close?.();
    },
  };
}
