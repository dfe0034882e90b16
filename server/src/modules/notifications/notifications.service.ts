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
import {
  contactAddresses,
  messagingPreferences,
  messagingPreferencesMany,
} from '../patients/patients.messaging.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import { smsChannel, type SmsConfig } from './notifications.sms.ts';
import { smsCodes } from './notifications.sms-codes.ts';
import { smsWebhookRoutes } from './notifications.sms-webhooks.ts';
import { pushChannel, type VapidKeys } from './notifications.push.ts';
import { pushRoutes } from './notifications.push-routes.ts';
import { attentionRoutes } from './notifications.attention.ts';
import { patientSubscriptions, removeSubscription } from './notifications.push-subscriptions.ts';
import { vendorRoutes } from './notifications.vendors.ts';
import { emailChannel, type Channels } from './notifications.channels.ts';
import { deliver, deliverDue } from './notifications.delivery.ts';
import type { NotificationsDeps } from './notifications.deps.ts';
import { planExtraReminders } from './notifications.extra-reminders.ts';
import { failLostClaims, purgeExpiredBodies, startNotificationJobs } from './notifications.jobs.ts';
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
  /** Web Push, when the VAPID keys are known (config or the development file). */
  vapid?: VapidKeys | undefined;
  /** Development: push endpoints may be http and private (a local push service). */
  development?: boolean;
  retentionDays: number;
  appointmentInReach: NotificationsDeps['appointmentInReach'];
  cancelAppointment: NotificationsDeps['cancelAppointment'];
  appointmentAhead?: NotificationsDeps['appointmentAhead'];
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
      ...(opts.vapid
        ? {
            push: pushChannel(
              opts.vapid,
              opts.publicUrl,
              async (endpoint) => {
                await removeSubscription(opts.db, { endpoint });
              },
              { allowPrivate: opts.development ?? false },
            ),
          }
        : {}),
    },
    preferences: messagingPreferences,
    preferencesMany: messagingPreferencesMany,
    addresses: (q, org, patientIds, channel) =>
      channel === 'push'
        ? patientSubscriptions(q, opts.vault, org, patientIds)
        : contactAddresses(q, opts.vault, org, patientIds, channel === 'email' ? 'email' : 'phone'),
    retentionDays: opts.retentionDays,
    ...(opts.offerLink ? { offerLink: opts.offerLink } : {}),
    appointmentInReach: opts.appointmentInReach,
    cancelAppointment: opts.cancelAppointment,
    ...(opts.appointmentAhead ? { appointmentAhead: opts.appointmentAhead } : {}),
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
    /** Identity's one-time codes by SMS (IdentityDeps.smsCodes). */
    smsCodes: smsCodes(deps),
    deliver: (id: string) => deliver(deps, id),
    deliverDue: (limit?: number) => deliverDue(deps, limit),
    purgeExpiredBodies: () => purgeExpiredBodies(deps),
    /** The sweep's check for claims lost with their worker (tests call it). */
    failLostClaims: () => failLostClaims(deps),
    /** The hourly job's work: extra reminders for visits at high no-show risk (tests call it). */
    planExtraReminders: () => planExtraReminders(deps),
    async start(app: App) {
      notificationRoutes(app, deps);
      attentionRoutes(app, deps);
      notificationActionRoutes(app, deps);
      smsWebhookRoutes(app, deps, opts.sms);
      vendorRoutes(app, deps);
      pushRoutes(app, deps, opts.vault, opts.vapid, opts.development ?? false);
      if (deps.jobs) await startNotificationJobs(deps.jobs, deps);
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
