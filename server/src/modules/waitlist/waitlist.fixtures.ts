import {
  addPatient,
  createClinic,
  newYorkTime,
  patientActor,
  staffOf,
  type Clinic,
} from '../../../test/clinic.ts';
import type { Hourglass } from '../../app.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { TestClock } from '../../platform/time/clock.ts';
import * as booking from '../booking/booking.service.ts';
import { join } from './waitlist.service.ts';

/** Test helpers: a clinic with waiting patients, visits booked and cancelled on the app's clock. */

export interface WaitScene {
  clinic: Clinic;
  desk: Actor;
  /** Patients (records without identities) of the clinic. */
  patients: string[];
}

export async function waitScene(h: Hourglass, count = 3): Promise<WaitScene> {
  const clinic = await createClinic(h.db, { providers: 1 });
  const patients: string[] = [];
  for (let i = 0; i < count; i++) patients.push(await addPatient(h.db, clinic.orgId));
  return { clinic, desk: staffOf(clinic.orgId), patients };
}

export const as = (s: WaitScene, patientId: string) => patientActor(s.clinic.orgId, patientId);

/** The desk books a visit `days` ahead at a New York wall time for a patient. */
export function bookFor(
  h: Hourglass,
  s: WaitScene,
  patientId: string,
  days: number,
  time = '10:00',
) {
  return booking.hold(s.desk, h.booking, {
    organizationId: s.clinic.orgId,
    appointmentTypeId: s.clinic.typeId,
    providerId: s.clinic.providerIds[0],
    locationId: s.clinic.locationId,
    patientId,
    start: newYorkTime(days, time, h.clock.now().getTime()),
    modality: 'in_person',
    confirm: true,
  });
}

export function cancel(h: Hourglass, s: WaitScene, appointmentId: string) {
  return booking.transition(s.desk, h.booking, s.clinic.orgId, appointmentId, 'cancel', {
    body: { reasonCode: 'provider_unavailable' },
  });
}

/**
 * A patient joins for the clinic's type over the next five weeks (the app's clock, which moves a
 * second past each join: patients join one after another, and waiting time ranks them).
 */
export async function joinAs(
  h: Hourglass & { clock: TestClock },
  s: WaitScene,
  patientId: string,
  over: Record<string, unknown> = {},
  actor: Actor = as(s, patientId),
) {
  const day = (d: number) =>
    new Date(h.clock.now().getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const entry = await join(h.waitlist.deps, actor, {
    organizationId: s.clinic.orgId,
    appointmentTypeId: s.clinic.typeId,
    patientId,
    fromDate: day(0),
    toDate: day(35),
    ...over,
  });
  h.clock.advance(1000);
  return entry;
}

export interface OfferRowView {
  id: string;
  entry_id: string;
  hold_appointment_id: string;
  status: string;
  starts_at: Date;
}

export async function offersOf(h: Hourglass, entryId: string): Promise<OfferRowView[]> {
  const { rows } = await h.db.query<OfferRowView>(
    `select id, entry_id, hold_appointment_id, status, starts_at from waitlist_offers
      where entry_id = $1 order by created_at`,
    [entryId],
  );
  return rows;
}

export async function appointmentRow(h: Hourglass, id: string) {
  const { rows } = await h.db.query<{
    status: string;
    patient_id: string | null;
    starts_at: Date;
    cancel_reason: string | null;
  }>('select status, patient_id, starts_at, cancel_reason from appointments where id = $1', [id]);
  return rows[0]!;
}
