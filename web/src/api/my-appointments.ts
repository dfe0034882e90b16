import type { z } from 'zod';
import type { compactAnswer } from '../../../server/src/modules/availability/availability.routes.ts';
import type { cancelReasonSchema } from '../../../server/src/modules/booking/booking.schema.ts';
import type {
  myAppointmentSchema,
  myAppointmentsAnswer,
} from '../../../server/src/modules/booking/booking.portal-routes.ts';
import { get, post, seg } from './client.ts';

/** One of the signed-in patient's appointments, with its type, provider, place and actions. */
export type MyAppointment = z.infer<typeof myAppointmentSchema>;
export type MyAppointmentsPage = z.infer<typeof myAppointmentsAnswer>;
export type CompactAvailability = z.infer<typeof compactAnswer>;
export type CancelReason = z.infer<typeof cancelReasonSchema>;
export type When = 'upcoming' | 'past';

/**
 * A page of the patient's own appointments (`cursor`: the previous page's `nextCursor`), or of a
 * dependant's their consent covers (`patientId`, an opaque id).
 */
export function fetchMyAppointments(
  q: {
    when: When;
    limit: number;
    cursor?: string | null | undefined;
    patientId?: string | undefined;
  },
  signal?: AbortSignal,
): Promise<MyAppointmentsPage> {
  const params = new URLSearchParams({ when: q.when, limit: String(q.limit) });
  if (q.cursor) params.set('cursor', q.cursor);
  if (q.patientId) params.set('patientId', q.patientId);
  return get<MyAppointmentsPage>(`/api/me/appointments?${params}`, { signal });
}

export const confirmAppointment = (id: string) => post(`/api/appointments/${seg(id)}/confirm`);

export const cancelAppointment = (id: string, reasonCode: CancelReason) =>
  post(`/api/appointments/${seg(id)}/cancel`, { reasonCode });

/** Books the new time and releases the old one in one step (the server's one transaction). */
export const rescheduleAppointment = (id: string, start: string) =>
  post<{ id: string; start: string }>(`/api/appointments/${seg(id)}/reschedule`, { start });

/** "I'm here": the patient checks themselves in, inside the clinic's window on the day. */
export const checkInAppointment = (id: string) => post(`/api/appointments/${seg(id)}/check-in`);

/** The .ics file of an appointment (a same-origin download: the session cookie goes with it). */
export const calendarHref = (id: string) => `/api/appointments/${seg(id)}/calendar.ics`;

/** Open times for one type, provider and place, grouped (ids and dates only in the address). */
export function fetchCompactAvailability(
  q: {
    organization: string;
    appointmentTypeId: string;
    providerId: string;
    locationId: string;
    modality: 'in_person' | 'telehealth';
    from: string;
    to: string;
    zone: string;
  },
  signal?: AbortSignal,
): Promise<CompactAvailability> {
  const params = new URLSearchParams({
    organization: q.organization,
    appointmentTypeId: q.appointmentTypeId,
    providers: q.providerId,
    locations: q.locationId,
    modality: q.modality,
    from: q.from,
    to: q.to,
    zone: q.zone,
  });
  return get<CompactAvailability>(`/api/availability/compact?${params}`, { signal });
}
