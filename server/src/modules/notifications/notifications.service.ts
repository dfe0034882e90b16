import type { Db, Queryable } from '../../platform/db/db.ts';
import type { App } from '../../platform/http/route.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { StatusChangeListener } from '../booking/booking.changes.ts';
import { NotFound } from '../../platform/http/errors.ts';
import { getAppointmentType } from '../directory/directory.rules-service.ts';
import { contactPhone, messagingPreferences } from '../patients/patients.messaging.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { smsChannel, type SmsConfig } from './notifications.sms.ts';
import { smsWebhookRoutes } from './notifications.sms-webhooks.ts';
import { vendorRoutes } from './notifications.vendors.ts';
import type { Patients } from '../patients/patients.service.ts';
import { emailChannel, type Channels } from './notifications.channels.ts';
import { deliver, deliverDue } from './notifications.delivery.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { planExtraReminders } from './notifications.extra-reminders.ts';
import { purgeExpiredBodies, startNotificationJobs } from './notifications.jobs.ts';
import { planWaitlistOffer, statusChangePlanner } from './notifications.planner.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { notificationActionRoutes } from './notifications.action-routes.ts';

/** The notifications module as app.ts composes it. */
export function createNotifications(opts: {
  db: Db;
  jobs: Jobs | undefined;
  clock: Clock;
  log: Logger;
  audit: Audit;
  mailer: Mailer;
  publicUrl: string;
  vault: Vault;
  /** SMS through a Twilio-format vendor, when configured. */
  sms: SmsConfig | undefined;
  patients: Pick<Patients, 'contactEmail'>;
  retentionDays: number;
  appointmentInReach: NotificationsDeps['appointmentInReach'];
  cancelAppointment: NotificationsDeps['cancelAppointment'];
  /** Adapters to use instead of the configured ones (tests). */
  channels?: Channels;
  /** The waitlist's offer links (NotificationsDeps.offerLink). */
  offerLink?: NotificationsDeps['offerLink'];
}) {
  const deps: NotificationsDeps = {
    db: opts.db,
    jobs: opts.jobs,
    clock: opts.clock,
    log: opts.log,
    audit: opts.audit,
    publicUrl: opts.publicUrl,
    channels: opts.channels ?? {
      email: emailChannel(opts.mailer, new URL(opts.publicUrl).hostname),
      ...(opts.sms
        ? { sms: smsChannel(opts.sms, `${opts.publicUrl}/api/webhooks/sms/status`) }
        : {}),
    },
    preferences: messagingPreferences,
    address: (q, org, patientId, channel) =>
      channel === 'email'
        ? opts.patients.contactEmail(q, org, patientId)
        : channel === 'sms'
          ? contactPhone(q, opts.vault, org, patientId)
          : Promise.resolve(null),
    retentionDays: opts.retentionDays,
    ...(opts.offerLink ? { offerLink: opts.offerLink } : {}),
    appointmentInReach: opts.appointmentInReach,
    cancelAppointment: opts.cancelAppointment,
    typeExists: (q, org, typeId) =>
      getAppointmentType(q, org, typeId).then(
        () => true,
        (err: unknown) => {
          if (err instanceof NotFound) return false;
          throw err;
        },
      ),
  };
  const onStatusChanged: StatusChangeListener = statusChangePlanner(deps);
  return {
    deps,
    onStatusChanged,
    /** The waitlist's `sendOffer`: an offer's message, planned in the offer's transaction. */
    planWaitlistOffer: (tx: Queryable, o: Parameters<typeof planWaitlistOffer>[2]) =>
      planWaitlistOffer(deps, tx, o),
    deliver: (id: string) => deliver(deps, id),
    deliverDue: (limit?: number) => deliverDue(deps, limit),
    purgeExpiredBodies: () => purgeExpiredBodies(deps),
    /** The hourly job's work: extra reminders for visits at high no-show risk (tests call it). */
    planExtraReminders: () => planExtraReminders(deps),
    async start(app: App) {
      notificationRoutes(app, deps);
      notificationActionRoutes(app, deps);
      smsWebhookRoutes(app, deps, opts.sms);
      vendorRoutes(app, deps);
      if (deps.jobs) await startNotificationJobs(deps.jobs, deps);
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
