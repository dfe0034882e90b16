import type { RecordUnreadable } from '../../platform/crypto/unreadable.ts';
import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Logger } from '../../platform/log/log.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Audit } from '../audit/audit.service.ts';
import type { MessagingPreferences } from '../patients/patients.messaging.ts';
import type { Channels } from './notifications.channels.ts';
import type { OutwardChannel } from './notifications.plan.ts';

export const SEND_QUEUE = 'notification-send';
export const SWEEP_QUEUE = 'notification-sweep';
/** Hourly: the extra reminder for visits at high risk of a no-show. */
export const EXTRA_REMINDER_QUEUE = 'notification-extra-reminders';

/** What the notifications module runs on; app.ts composes it. */
export interface NotificationsDeps {
  db: Db;
  /** pg-boss; without it messages are planned and delivered by the sweep (tests, jobs off). */
  jobs?: Jobs | undefined;
  clock: Clock;
  log: Logger;
  audit: Audit;
  /** The origin links in messages point at. */
  publicUrl: string;
  channels: Channels;
  /** The waitlist's seam: a new link to the patient's open offer on this hold, or null. */
  offerLink?: (q: Queryable, holdId: string, patientId: string) => Promise<string | null>;
  /** The patients module's answer: consented channels, language, quiet hours, zone. */
  preferences(
    q: Queryable,
    organizationId: string,
    patientId: string,
  ): Promise<MessagingPreferences | undefined>;
  /** The same for several patients of one organization at once (a delivery batch), by patient id. */
  preferencesMany(
    q: Queryable,
    organizationId: string,
    patientIds: string[],
  ): Promise<Map<string, MessagingPreferences>>;
  /**
   * Where a channel reaches each of these patients of one organization (the patients module
   * decrypts email and phone; push is this module's newest subscription): one statement per
   * call, decrypted a batch at a time. Absent without one; a damaged one is a RecordUnreadable.
   */
  addresses(
    q: Queryable,
    organizationId: string,
    patientIds: readonly string[],
    channel: OutwardChannel,
  ): Promise<Map<string, string | RecordUnreadable>>;
  /** Booking's check that an appointment is in the actor's reach (NotFound otherwise). */
  appointmentInReach(
    actor: Actor,
    organizationId: string,
    appointmentId: string,
  ): Promise<{
    patientId: string | null;
    status: string;
    start: string;
    locationId: string;
    providerId: string;
  }>;
  /**
   * Booking's answer: whether the appointment is booked and still ahead (a reply by SMS may
   * confirm or move only such a one). Absent: every appointment is taken as ahead.
   */
  appointmentAhead?: (
    q: Queryable,
    organizationId: string,
    id: string,
    now: Date,
  ) => Promise<boolean>;
  /** Booking's cancel, as the patient (reason `patient_request`, the type's cut-off applies). */
  cancelAppointment(actor: Actor, organizationId: string, appointmentId: string): Promise<void>;
  /** The directory's answer: whether the type is the organization's. */
  typeExists(q: Queryable, organizationId: string, typeId: string): Promise<boolean>;
  /** Days the rendered text of a sent message is kept (then only its metadata). */
  retentionDays: number;
}
