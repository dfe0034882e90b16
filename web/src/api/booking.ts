import { get, post, seg } from './client.ts';
import type {
  Appointment,
  AppointmentTypeView,
  CompactAvailability,
  Dependant,
  EligibilityAnswer,
  Modality,
  MyAppointment,
  ProviderView,
  VisitGuide,
} from './types.ts';

/** Calls of the booking flow: the clinic's guide and directory, times, holds, guests, visit links. */

const org = (slug: string) => `/api/organizations/${seg(slug)}`;

export const fetchVisitGuide = (slug: string, signal?: AbortSignal) =>
  get<VisitGuide>(`${org(slug)}/visit-guide`, { signal });

export const fetchAppointmentTypes = (slug: string, signal?: AbortSignal) =>
  get<{ appointmentTypes: AppointmentTypeView[] }>(`${org(slug)}/appointment-types`, { signal });

export const fetchProviders = (slug: string, signal?: AbortSignal) =>
  get<{ providers: ProviderView[] }>(`${org(slug)}/providers`, { signal });

/** Why each type is (not) offered to the signed-in patient, or to a dependant they act for. */
export const fetchEligibility = (typeIds: string[], patientId?: string, signal?: AbortSignal) =>
  get<EligibilityAnswer>(
    `/api/me/eligibility?${new URLSearchParams({
      appointmentTypeId: typeIds.join(','),
      ...(patientId ? { patientId } : {}),
    })}`,
    { signal },
  );

export interface TimesQuery {
  organization: string;
  appointmentTypeId: string;
  modality: Modality;
  zone: string;
  from: string;
  to: string;
  providerId?: string | undefined;
  locationId?: string | undefined;
}

const timesParams = (q: Omit<TimesQuery, 'from' | 'to'>) => ({
  organization: q.organization,
  appointmentTypeId: q.appointmentTypeId,
  modality: q.modality,
  zone: q.zone,
  ...(q.providerId ? { providers: q.providerId } : {}),
  ...(q.locationId ? { locations: q.locationId } : {}),
});

/** The days that have times and the times themselves, compact; polls say `background`. */
export const fetchTimes = (q: TimesQuery, opts: { signal?: AbortSignal; background?: boolean }) =>
  get<CompactAvailability>(
    `/api/availability/compact?${new URLSearchParams({ ...timesParams(q), from: q.from, to: q.to })}`,
    { ...opts, fresh: true },
  );

export interface FirstSlot {
  start: string;
  end: string;
  providerId: string;
  locationId: string;
  modalities: Modality[];
}

/** The earliest time in the type's horizon (none: null). */
export async function fetchFirstTime(
  q: Omit<TimesQuery, 'from' | 'to'>,
  signal?: AbortSignal,
): Promise<FirstSlot | null> {
  const { slots } = await get<{ slots: FirstSlot[] }>(
    `/api/availability?${new URLSearchParams({ ...timesParams(q), first: 'true' })}`,
    { signal, fresh: true },
  );
  const first = slots[0];
  // One spelling of an instant across the flow (the compact shape's are UTC).
  return first ? { ...first, start: new Date(first.start).toISOString() } : null;
}

export interface HoldRequest {
  organizationId: string;
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  patientId: string;
  start: string;
  modality: Modality;
}

export const placeHold = (h: HoldRequest) => post<Appointment>('/api/appointments', h);

export const fetchAppointment = (id: string, signal?: AbortSignal) =>
  get<Appointment>(`/api/appointments/${seg(id)}`, { signal });

export const confirmAppointment = (id: string) =>
  post<Appointment>(`/api/appointments/${seg(id)}/confirm`);

export const cancelAppointment = (id: string) =>
  post<Appointment>(`/api/appointments/${seg(id)}/cancel`, { reasonCode: 'patient_request' });

/** The add-to-calendar file of an appointment (a plain link: the browser downloads it). */
export const calendarHref = (id: string) => `/api/appointments/${seg(id)}/calendar.ics`;

export const fetchMyAppointments = (
  when: 'upcoming' | 'past',
  limit: number,
  patientId?: string,
  signal?: AbortSignal,
) =>
  get<{ appointments: MyAppointment[]; nextCursor: string | null }>(
    `/api/me/appointments?${new URLSearchParams({
      when,
      limit: String(limit),
      ...(patientId ? { patientId } : {}),
    })}`,
    { signal },
  );

/** The patients the signed-in account may book for through a proxy consent (not itself). */
export const fetchDependants = (signal?: AbortSignal) =>
  get<{ dependants: Dependant[] }>('/api/me/dependants', { signal });

export interface GuestDetails {
  organization: string;
  email: string;
  legalName: { given: string; family: string };
  dateOfBirth: string;
  sex: 'female' | 'male' | 'intersex' | 'unknown';
  phone: string;
}

export const startGuest = (d: GuestDetails) =>
  post<{ next: 'check-email' }>('/api/guest/start', {
    ...d,
    email: d.email.trim(),
    legalName: { given: d.legalName.given.trim(), family: d.legalName.family.trim() },
    phone: d.phone.trim(),
  });

export const verifyGuest = (input: { organization: string; email: string; code: string }) =>
  post<{ patientId: string }>('/api/guest/verify', { ...input, email: input.email.trim() });

export const sendVisitCode = (token: string) =>
  post<{ next: 'check-email' }>('/api/visit-links/code', { token });

export const verifyVisitLink = (input: { token: string; code: string }) =>
  post<{ appointmentId: string; patientId: string }>('/api/visit-links/verify', input);
