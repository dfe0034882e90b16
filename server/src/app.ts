import type { DestinationStream } from 'pino';
import { createLogs } from './app.logs.ts';
import { createAuditParts } from './app.audit.ts';
import { patientRecordRoutes } from './app.patient-record.ts';
import { createPipeline } from './app.pipeline.ts';
import type { Config } from './config.ts';
import { openKeyring, type Keyring } from './platform/crypto/keyring.ts';
import { keyAudit } from './platform/crypto/keys.audit.ts';
import { startReencryptWorker } from './platform/crypto/keys.job.ts';
import type { EncryptedTable } from './platform/crypto/keys.ts';
import { createVault, type Vault } from './platform/crypto/vault.ts';
import { openDb, type Db, type Queryable } from './platform/db/db.ts';
import type { Actor } from './platform/http/actor.ts';
import { migrate } from './platform/db/migrate.ts';
import type { App, RegisteredRoute } from './platform/http/route.ts';
import { createJobs, type Jobs } from './platform/jobs/jobs.ts';
import type { Logger } from './platform/log/log.ts';
import { createMailer, type Mailer } from './platform/mail/mail.ts';
import { startedClock, systemClock, type Clock } from './platform/time/clock.ts';
import type { Relations } from './modules/access/access.table.ts';
import { openGeoIp } from './platform/geoip/geoip.ts';
import type { AlertEngine } from './modules/audit/audit.alerts.ts';
import type { Sealer } from './modules/audit/audit.sealer.ts';
import {
  startVerificationJob,
  type AuditVerification,
} from './modules/audit/audit.verification.ts';
import { webhookSecretsTable } from './modules/audit/audit.webhook-secrets.ts';
import { pushSubscriptionsTable } from './modules/notifications/notifications.push-subscriptions.ts';
import { warnIfAuditRewritable } from './modules/audit/audit.grants.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { auditVerificationRoutes } from './modules/audit/audit.verification-routes.ts';
import { createAudit } from './modules/audit/audit.service.ts';
import { demoRoutes } from './modules/demo/demo.routes.ts';
import { createAvailabilityCache } from './modules/availability/availability.cache.ts';
import { occupancy } from './modules/booking/booking.occupancy.ts';
import { availabilityRoutes } from './modules/availability/availability.routes.ts';
import { startBookingJobs } from './modules/booking/booking.jobs.ts';
import { bookingRoutes } from './modules/booking/booking.routes.ts';
import { bookingPortalRoutes } from './modules/booking/booking.portal-routes.ts';
import { bookingConsoleRoutes } from './modules/booking/booking.console-routes.ts';
import { bookingSeriesRoutes } from './modules/booking/booking.series-routes.ts';
import { bookingOverbookRoutes } from './modules/booking/booking.overbook-routes.ts';
import {
  appointmentCountsByStatus,
  appointmentStillAhead,
  patientAppointments,
} from './modules/booking/booking.patient-appointments.ts';
import { clinicianTreats, patientAtLocations } from './modules/booking/booking.relations.ts';
import { getAppointment, transition, type BookingDeps } from './modules/booking/booking.service.ts';
import { directoryManageRoutes } from './modules/directory/directory.manage-routes.ts';
import { directoryRoomsRoutes } from './modules/directory/directory.rooms-routes.ts';
import { directorySetupRoutes } from './modules/directory/directory.setup-routes.ts';
import { visitGuideRoutes } from './modules/directory/directory.visit-guide-routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { identityAdminRoutes } from './modules/identity/identity.admin-routes.ts';
import { refuseDemoAccounts } from './modules/identity/identity.demo.ts';
import type { IdentityDeps } from './modules/identity/identity.deps.ts';
import { identityRoutes } from './modules/identity/identity.routes.ts';
import { guestRoutes } from './modules/identity/identity.guest-routes.ts';
import { actionCodeRoutes } from './modules/identity/identity.action-code-routes.ts';
import { openVapidKeys } from './modules/notifications/notifications.vapid.ts';
import type { VapidKeys } from './modules/notifications/notifications.push.ts';
import { resolveActionLink } from './modules/notifications/notifications.actions.ts';
import { rememberGuestAppointment } from './modules/identity/identity.guests.ts';
import { sendVisitLink } from './modules/identity/identity.visit-links.ts';
import { intakeEncryptedTables } from './modules/intake/intake.keys.ts';
import { indexForSearch, patientsEncryptedTables } from './modules/patients/patients.keys.ts';
import {
  identityEncryptedTables,
  sealLegacyIdentityRows,
} from './modules/identity/identity.keys.ts';
import { intakePrerequisites } from './modules/intake/intake.prerequisites.ts';
import {
  actsFor as dependantActsFor,
  dependantsRoutes,
} from './modules/patients/patients.dependants.ts';
import { createEmergencyAccess } from './modules/patients/patients.emergency.ts';
import { patientsRoutes } from './modules/patients/patients.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { createReports } from './modules/reports/reports.service.ts';
import { createPatients } from './modules/patients/patients.service.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { fhirRoutes } from './modules/fhir/fhir.routes.ts';
import { fhirClientRoutes } from './modules/fhir/fhir.smart-routes.ts';
import { webRoutes } from './modules/web/web.routes.ts';
import { createWaitlist, type Waitlist } from './modules/waitlist/index.ts';
import {
  createNotifications,
  type Notifications,
} from './modules/notifications/notifications.service.ts';

/** Every table holding vault ciphertexts: key inventory, rotation and re-encryption walk these. */
export const encryptedTables: EncryptedTable[] = [
  ...patientsEncryptedTables,
  ...identityEncryptedTables,
  ...intakeEncryptedTables,
  webhookSecretsTable,
  pushSubscriptionsTable,
];

export interface Hourglass {
  app: App;
  db: Db;
  jobs: Jobs | undefined;
  vault: Vault;
  log: Logger;
  /** The audit sealing job, when HOURGLASS_AUDIT_SEAL_INTERVAL_MS is above 0. */
  sealer: Sealer | undefined;
  /** The audit alert engine the sealer runs after each seal (tests run it by hand). */
  alerts: AlertEngine;
  /** Audit verification runs (the compliance desk's, the daily job's). */
  auditVerification: AuditVerification;
  routes: RegisteredRoute[];
  clock: Clock;
  mailer: Mailer;
  identity: IdentityDeps;
  /** What the booking module runs on (services called outside HTTP: jobs, bench, tests). */
  booking: BookingDeps;
  notifications: Notifications;
  waitlist: Waitlist;
  close(): Promise<void>;
}

export interface BuildOptions {
  config: Config;
  /** An open database to use instead of opening one from the config (tests). */
  db?: Db;
  /** A keyring to use instead of the configured one (tests). */
  keyring?: Keyring;
  /** VAPID keys to use instead of the configured or development ones (tests). */
  vapid?: VapidKeys;
  /** Where log lines go (tests capture them); stdout otherwise. */
  logStream?: DestinationStream;
  /** Where "now" comes from; tests pass a clock they move. */
  clock?: Clock;
  /** How mail leaves; from the config (SMTP, development outbox) unless given. */
  mailer?: Mailer;
  /** Extra routes, registered through the same helper (tests). */
  extraRoutes?: (app: App, db: Db, booking: BookingDeps) => void;
}

/** Builds the whole server from config: database, migrations, jobs, pipeline and every module. */
export async function buildApp(opts: BuildOptions): Promise<Hourglass> {
  const { config } = opts;
  const { syslog, log } = createLogs(config, opts.logStream);
  const db = opts.db ?? (await openDb(config));
  await migrate(db);
  if (config.profile === 'production') {
    await refuseDemoAccounts(db);
    await warnIfAuditRewritable(db, log);
  }
  const vault = createVault(opts.keyring ?? (await openKeyring(config)));
  // Emails and TOTP secrets stored before migration 0050 are sealed before anything is served.
  await sealLegacyIdentityRows(db, vault);
  const jobs = config.jobs ? createJobs(db, { databaseUrl: config.databaseUrl, log }) : undefined;
  await jobs?.start();
  const audit = createAudit(db);
  // Patients stored before migration 0080 get their search indexes before anything is served.
  const searchIndexed = await indexForSearch(db, vault, keyAudit(audit, 'patients.search-index'));
  if (searchIndexed.unreadable.length > 0) {
    log.warn({ patientIds: searchIndexed.unreadable }, 'patients left unindexed: unreadable');
  }
  if (jobs) await startReencryptWorker(jobs, { db, vault, tables: encryptedTables, log, audit });
  const clock = opts.clock ?? (config.clockStart ? startedClock(config.clockStart) : systemClock);
  const mailer = opts.mailer ?? createMailer(config, log);
  const audits = await createAuditParts({
    config,
    db,
    vault,
    mailer,
    log,
    clock,
    jobs,
    syslog,
    logStream: opts.logStream,
  });
  const { webhooks, alerts, sealer } = audits;
  const geoip = openGeoIp(config.geoipDb);

  const routes: RegisteredRoute[] = [];
  // One clock: availability, its cache, booking and the patients' appointment lists read the app's.
  const now = () => clock.now().getTime();
  // A clinician reaches a patient's clinical record when they treat the patient, or for an hour
  // after breaking glass (patients.emergency.ts).
  const emergency = createEmergencyAccess({ db, audit, clock });
  const clinicalAccess = async (q: Queryable, actor: Actor, patientId: string) =>
    (await clinicianTreats(q, actor, patientId)) || (await emergency.holds(q, actor, patientId));
  // What the access table asks other modules (access.table.ts `Relations`).
  const relations: Relations = {
    patientAtLocations,
    treats: clinicalAccess,
    actsFor: (q, organizationId, accountId, patientId) =>
      dependantActsFor(q, organizationId, accountId, patientId, clock.now()),
  };
  const patients = createPatients({
    db,
    vault,
    audit,
    clock,
    appointments: {
      ofPatient: (q, org, patientId) => patientAppointments(q, org, patientId, new Date(now())),
      countsByStatus: appointmentCountsByStatus,
    },
    relations,
  });
  const pending = new Set<Promise<unknown>>();
  const identity: IdentityDeps = {
    db,
    vault,
    clock,
    audit,
    mailer,
    publicUrl: config.publicUrl,
    countryOf: (ip) => geoip.country(ip),
    patients,
    actionLinks: (token, now) => resolveActionLink(db, token, now),
    defer(task) {
      const running = task()
        .catch((err: unknown) => log.error({ err }, 'deferred task failed'))
        .finally(() => pending.delete(running));
      pending.add(running);
    },
  };
  const app = await createPipeline({ config, log, db, clock, audit, routes });
  healthRoutes(app, { db, jobs });
  directoryRoutes(app, db);
  identityRoutes(app, identity);
  identityAdminRoutes(app, identity);
  guestRoutes(app, identity);
  actionCodeRoutes(app, identity);
  demoRoutes(app, config);
  directoryManageRoutes(app, db);
  visitGuideRoutes(app, db);
  directorySetupRoutes(app, db, now);
  directoryRoomsRoutes(app, db);
  const availabilityCache = createAvailabilityCache(config.availabilityCacheSeconds, now);
  availabilityRoutes(
    app,
    { db, occupancy },
    availabilityCache,
    config.availabilityCacheSeconds,
    now,
  );
  const notifications = createNotifications({
    db,
    jobs,
    clock,
    log,
    audit,
    mailer,
    publicUrl: config.publicUrl,
    vault,
    sms: config.sms,
    vapid: opts.vapid ?? (await openVapidKeys(config)),
    development: config.profile !== 'production',
    retentionDays: config.notifications.retentionDays,
    // Staff's message log shows an appointment booking lets them see (booking is composed below).
    appointmentInReach: (actor, org, id) => getAppointment(actor, booking, org, id),
    // A waitlist offer's message carries a link the waitlist mints (composed below).
    offerLink: (q, holdId, patientId) => waitlist.offerLink(q, holdId, patientId),
    // A patient's C or R by SMS answers only for a visit still booked and ahead.
    appointmentAhead: appointmentStillAhead,
    // An action link's cancel is the patient's own, through booking's rules.
    cancelAppointment: async (actor, org, id) => {
      await transition(actor, booking, org, id, 'cancel', {
        body: { reasonCode: 'patient_request' },
      });
    },
  });
  // An action link's code goes by SMS to a patient the message reached by SMS.
  identity.smsCodes = notifications.smsCodes;
  const booking: BookingDeps = {
    db,
    holdMinutes: config.holdMinutes,
    now,
    prerequisites: { ...intakePrerequisites(db), ageOn: patients.ageOn },
    videoUrlTemplate: config.videoUrlTemplate,
    onChange: (organizationId, providerIds) =>
      availabilityCache.invalidate(organizationId, providerIds),
    // Guest sessions remember the appointments they create (in the booking's transaction).
    onAppointmentCreated: rememberGuestAppointment,
    // The notifications seam: today a guest's confirmed booking mails the guest its visit link.
    onConfirmed: (appointment, actor) =>
      identity.defer(() => sendVisitLink(identity, appointment, actor)),
    // Proxy booking: an account acts for the patients its consents in force cover.
    actsFor: dependantActsFor,
    // Messages are planned, moved and cancelled in the transaction of the change; a cancelled
    // visit's time is queued for the waitlist's offers in that transaction too.
    onStatusChanged: async (tx, change, actor) => {
      await notifications.onStatusChanged(tx, change, actor);
      await waitlist.onStatusChanged(tx, change);
    },
    // A patient's hold that ran out frees its time for the waitlist too.
    onHoldsExpired: (tx, holds) => waitlist.onHoldsExpired(tx, holds),
  };
  const waitlist: Waitlist = createWaitlist({
    db,
    booking,
    clock,
    jobs,
    publicUrl: config.publicUrl,
    sendOffer: notifications.planWaitlistOffer,
    patientNames: (organizationId, ids) => patients.displayNames(organizationId, ids),
  });
  // Clients' JWKS URLs: https and public addresses in production; http too in development;
  // loopback and private addresses only in the test profile.
  const jwksPolicy = {
    allowHttp: config.profile !== 'production',
    allowPrivate: config.profile === 'test',
  };
  await app.register(
    fhirRoutes({
      db,
      availability: { db, occupancy },
      cache: availabilityCache,
      cacheSeconds: config.availabilityCacheSeconds,
      now,
      publicUrl: config.publicUrl,
      booking,
      publish: config.fhirPublish,
      patients,
      jwksPolicy,
    }),
    { prefix: '/fhir' },
  );
  fhirClientRoutes(app, db, jwksPolicy);
  bookingRoutes(app, booking);
  bookingPortalRoutes(app, booking);
  bookingConsoleRoutes(app, {
    db,
    now,
    patientNames: (organizationId, ids) => patients.displayNames(organizationId, ids),
  });
  bookingOverbookRoutes(app, { db, now });
  bookingSeriesRoutes(app, booking);
  if (jobs) await startBookingJobs(jobs, booking, log);
  await notifications.start(app);
  await waitlist.start(app, log);
  patientsRoutes(app, patients, emergency);
  dependantsRoutes(app, {
    db,
    now,
    names: (organizationId, ids) => patients.displayNames(organizationId, ids),
  });
  reportsRoutes(app, createReports(db));
  await patientRecordRoutes(app, {
    config,
    db,
    vault,
    audit,
    clock,
    mailer,
    jobs,
    log,
    patients,
    relations,
  });
  auditRoutes(app, db, { vault, webhooks });
  const auditVerification = audits.verification;
  auditVerificationRoutes(app, auditVerification);
  if (jobs) await startVerificationJob(jobs, auditVerification);
  app.addHook('onClose', () => auditVerification.idle());
  opts.extraRoutes?.(app, db, booking);
  await webRoutes(app, config.webDir, { devMailbox: config.profile === 'development' });

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
    vault,
    log,
    sealer,
    alerts,
    auditVerification,
    routes,
    clock,
    mailer,
    identity,
    booking,
    notifications,
    waitlist,
    async close() {
      await app.close();
      await Promise.allSettled(pending);
      await jobs?.stop();
      mailer.close?.();
      await db.close();
      vault.keyring.close?.();
    },
  };
}
