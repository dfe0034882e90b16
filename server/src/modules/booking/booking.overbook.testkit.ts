import {
  addPatient,
  holdRequest,
  newYorkTime,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import type { Db } from '../../platform/db/db.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { setOverbookPolicy, type OverbookPolicyInput } from './booking.overbook-policy.ts';
import * as booking from './booking.service.ts';

/** Shared by the overbooking tests on PGlite and the concurrency proof on PostgreSQL. */

export const policy = (clinic: Clinic, over: Partial<OverbookPolicyInput> = {}) => ({
  providerId: clinic.providerIds[0]!,
  appointmentTypeId: null,
  allowed: true,
  maxAtOnce: 1,
  maxPerHour: null,
  maxPerDay: null,
  ...over,
});

export const setPolicy = (db: Db, clinic: Clinic, over: Partial<OverbookPolicyInput> = {}) =>
  setOverbookPolicy(clinic.manager, db, new Date(), policy(clinic, over));

/** The slug of the refusal, or 'booked'. */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'booked';
  } catch (err) {
    if (err instanceof DomainError) {
      const cap = (err.extensions as { cap?: string } | undefined)?.cap;
      return cap ? `${err.slug}:${cap}` : err.slug;
    }
    throw err;
  }
}

/** Staff overbookings, all started at once (on PostgreSQL each on its own pooled connection). */
export async function overbookAtOnce(
  db: Db,
  deps: booking.BookingDeps,
  clinic: Clinic,
  starts: string[],
): Promise<string[]> {
  const patients: string[] = [];
  while (patients.length < starts.length) patients.push(await addPatient(db, clinic.orgId));
  return Promise.all(
    starts.map((start, i) =>
      outcome(
        booking.hold(
          staffOf(clinic.orgId),
          deps,
          holdRequest(clinic, patients[i]!, start, { confirm: true, overbookReason: 'urgent' }),
        ),
      ),
    ),
  );
}

/** How many of each outcome. */
export const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }), {});

export { newYorkTime };
