import { get, getIfChanged, post, seg } from './client.ts';
import type {
  Appointment,
  AppointmentType,
  Explanation,
  Provider,
  ScheduleAnswer,
  Slot,
} from './types.ts';

/**
 * The console's schedule and the booking actions on it. Paths carry opaque ids only; the
 * patient's id travels in bodies. Changes send the entry's version as `If-Match`, so a change
 * made meanwhile by someone else is refused instead of overwritten.
 */

export interface ScheduleQuery {
  locationId: string;
  from: string;
  to: string;
  providers?: string[] | undefined;
}

const schedulePath = (q: ScheduleQuery, cursor?: string) => {
  const params = new URLSearchParams({ from: q.from, to: q.to, limit: '1000' });
  if (q.providers?.length) params.set('providers', q.providers.join(','));
  if (cursor) params.set('cursor', cursor);
  return `/api/locations/${seg(q.locationId)}/schedule?${params}`;
};

/**
 * Every page of the schedule, or null when the first page's ETag is still current (304: nothing
 * changed in the range). Polls are `background`: they do not keep an idle session alive.
 */
export async function fetchScheduleIfChanged(
  q: ScheduleQuery,
  etag: string | null,
  opts: { signal?: AbortSignal; background?: boolean } = {},
): Promise<{ answer: ScheduleAnswer; etag: string | null } | null> {
  const first = await getIfChanged<ScheduleAnswer>(schedulePath(q), etag, opts);
  if (!first) return null;
  const answer = first.body;
  let cursor = answer.nextCursor;
  while (cursor) {
    const page = await get<ScheduleAnswer>(schedulePath(q, cursor), opts);
    answer.entries.push(...page.entries);
    cursor = page.nextCursor;
  }
  return { answer: { ...answer, nextCursor: null }, etag: first.etag };
}

export const fetchProviders = (slug: string, signal?: AbortSignal) =>
  get<{ providers: Provider[] }>(`/api/organizations/${seg(slug)}/providers`, { signal });

export const fetchAppointmentTypes = (slug: string, signal?: AbortSignal) =>
  get<{ appointmentTypes: AppointmentType[] }>(
    `/api/organizations/${seg(slug)}/appointment-types`,
    { signal },
  );

export interface BookInput {
  organizationId: string;
  appointmentTypeId: string;
  providerId: string;
  locationId: string;
  patientId: string;
  start: string;
  modality: 'in_person' | 'telehealth';
  overbookReason?: OverbookReason | undefined;
  /** The room (or equipment) the visit takes, chosen in the schedule's room column. */
  resourceIds?: string[] | undefined;
}

export const cancelReasons = [
  'patient_request',
  'provider_unavailable',
  'clinic_closed',
  'duplicate',
  'other',
] as const;
export type CancelReason = (typeof cancelReasons)[number];
export const overrideReasons = [
  'patient_called',
  'clinical_need',
  'clinic_error',
  'other',
] as const;
export type OverrideReason = (typeof overrideReasons)[number];
export const overbookReasons = ['urgent', 'provider_request', 'follow_up', 'other'] as const;
export type OverbookReason = (typeof overbookReasons)[number];

/** Staff book straight to `booked`; the idempotency key makes a retried click safe. */
export const book = (input: BookInput, idempotencyKey: string) =>
  post<Appointment>(
    '/api/appointments',
    { ...input, confirm: true },
    { headers: { 'idempotency-key': idempotencyKey } },
  );

const ifMatch = (version: number) => ({ headers: { 'if-match': `"v${version}"` } });
const appointmentPath = (id: string, action: string) => `/api/appointments/${seg(id)}/${action}`;

export type VisitAction = 'check-in' | 'no-show' | 'complete';
export const changeVisit = (id: string, version: number, action: VisitAction) =>
  post<Appointment>(appointmentPath(id, action), undefined, ifMatch(version));

export const cancelAppointment = (
  id: string,
  version: number,
  reasonCode: CancelReason,
  overrideReason?: OverrideReason,
) =>
  post<Appointment>(
    appointmentPath(id, 'cancel'),
    { reasonCode, ...(overrideReason ? { overrideReason } : {}) },
    ifMatch(version),
  );

export const rescheduleAppointment = (
  id: string,
  version: number,
  start: string,
  overrideReason?: OverrideReason,
) =>
  post<Appointment>(
    appointmentPath(id, 'reschedule'),
    { start, ...(overrideReason ? { overrideReason } : {}) },
    ifMatch(version),
  );

export function explainTime(
  q: { appointmentTypeId: string; providerId: string; locationId: string; start: string },
  signal?: AbortSignal,
) {
  return get<Explanation>(`/api/availability/explain?${new URLSearchParams(q)}`, { signal });
}

/** Open times of one provider at one location on local dates, in the location's zone. */
export function fetchOpenTimes(
  q: {
    organization: string;
    appointmentTypeId: string;
    providerId: string;
    locationId: string;
    from: string;
    to: string;
    zone: string;
  },
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({
    organization: q.organization,
    appointmentTypeId: q.appointmentTypeId,
    providers: q.providerId,
    locations: q.locationId,
    from: q.from,
    to: q.to,
    zone: q.zone,
  });
  return get<{ zone: string; slots: Slot[] }>(`/api/availability?${params}`, { signal });
}
