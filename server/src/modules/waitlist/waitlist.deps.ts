import type { Db, Queryable } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Jobs } from '../../platform/jobs/jobs.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { createAudit } from '../audit/audit.service.ts';
import type { BookingDeps } from '../booking/booking.service.ts';

/** What the waitlist runs on, composed in app.ts. */
export interface WaitlistDeps {
  db: Db;
  booking: BookingDeps;
  clock: Clock;
  jobs: Jobs | undefined;
  publicUrl: string;
  /**
   * The notifications seam: plans the offer's message (PHI-free, with the offer link) to the
   * patient about the hold, in the offer's transaction.
   */
  sendOffer?: (
    tx: Queryable,
    offer: {
      organizationId: string;
      holdId: string;
      patientId: string;
      appointmentTypeId: string;
      locationId: string;
      modality: 'in_person' | 'telehealth';
      start: Date;
      offerId: string;
    },
  ) => Promise<void>;
  /** Display names for the console's list (the patients module's). */
  patientNames?: (organizationId: string, ids: readonly string[]) => Promise<Map<string, string>>;
}

export const OFFERS_QUEUE = 'waitlist-offers';

export const waitlistJob: Actor = { type: 'system', job: 'waitlist.offers' };

/** One audit event in the caller's transaction. */
export async function auditEvent(
  tx: Queryable,
  e: {
    actor: Actor;
    action: string;
    resourceType: string;
    resourceId: string;
    patientId: string | null;
    organizationId: string;
  },
) {
  await createAudit(tx).record({ ...e, outcome: 'success' }, tx);
}
