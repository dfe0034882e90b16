import type { Actor } from '../src/platform/http/actor.ts';
import type { Appointment } from '../src/modules/booking/booking.schema.ts';
import * as booking from '../src/modules/booking/booking.service.ts';
import * as directory from '../src/modules/directory/directory.rules-service.ts';
import { createClinic, holdRequest, newYorkTime, staffOf, type Clinic } from './clinic.ts';
import {
  addAccount,
  type Client,
  signIn,
  startIdentityApp,
  type IdentityApp,
  type Org,
  type TestAccount,
} from './identity-fixtures.ts';

/**
 * The patient portal's world: the real app on a test clock, a clinic in New York open 09:00–17:00
 * every day (two providers, 30-minute follow-ups, 24-hour cut-offs) with a street address, and
 * two patient accounts. Times are New York wall times `days` after the test clock's now.
 */
export interface Portal {
  h: IdentityApp;
  clinic: Clinic;
  org: Org;
  alice: TestAccount;
  bob: TestAccount;
  desk: Actor;
  /** A New York wall time `days` from the test clock's now, as an ISO instant. */
  at(days: number, time?: string): string;
  /** Books (as the front desk) a visit for the account's patient; returns the appointment. */
  book(who: TestAccount, start: string, over?: Record<string, unknown>): Promise<Appointment>;
  /** The patient holds a time themselves, through their own session: the HTTP answer. */
  hold(
    who: TestAccount,
    start: string,
    over?: Record<string, unknown>,
  ): Promise<Awaited<ReturnType<Client['post']>>>;
  /** A fresh signed-in session (sessions lapse when the clock moves on). */
  as(who: TestAccount): ReturnType<typeof signIn>;
}

export async function startPortal(slug: string, clinicName?: string): Promise<Portal> {
  const h = await startIdentityApp();
  const clinic = await createClinic(h.db, { slug, providers: 2, name: clinicName });
  await directory.updateLocation(clinic.manager, h.db, clinic.orgId, clinic.locationId, {
    name: 'Main',
    timeZone: 'America/New_York',
    addressLine: '1 Harbor Way',
    city: 'Boston',
    region: 'MA',
    postalCode: '02110',
    phone: '+1 555 0100',
    inPerson: true,
    telehealth: true,
  });
  const org: Org = { id: clinic.orgId, slug, locationId: clinic.locationId };
  const desk = staffOf(clinic.orgId);
  return {
    h,
    clinic,
    org,
    alice: await addAccount(h, org, { kind: 'patient' }),
    bob: await addAccount(h, org, { kind: 'patient' }),
    desk,
    at: (days, time = '10:00') => newYorkTime(days, time, h.clock.now().getTime()),
    book: (who, start, over = {}) =>
      booking.hold(desk, h.booking, {
        ...holdRequest(clinic, who.account.patient_id!, start),
        confirm: true,
        ...over,
      }),
    hold: async (who, start, over = {}) =>
      (await signIn(h, who)).post('/api/appointments', {
        ...holdRequest(clinic, who.account.patient_id!, start),
        ...over,
      }),
    as: (who) => signIn(h, who),
  };
}
