import type { z } from 'zod';
import type {
  acceptAnswer,
  entryView,
  offerView,
  staffEntryView,
  waitlistReport,
  JoinInput,
} from '../../../server/src/modules/waitlist/waitlist.schema.ts';
import { get, post, put, seg } from './client.ts';

/** The waitlist: a patient's entries and offers, the console's list, the offer ledger. */

export type WaitlistEntry = z.infer<typeof entryView>;
export type StaffWaitlistEntry = z.infer<typeof staffEntryView>;
export type WaitlistOffer = z.infer<typeof offerView>;
export type AcceptAnswer = z.infer<typeof acceptAnswer>;
export type WaitlistReport = z.infer<typeof waitlistReport>;
export type WaitlistJoin = Omit<
  JoinInput,
  'providerIds' | 'locationIds' | 'modality' | 'windows' | 'moveAppointmentId'
> &
  Partial<
    Pick<JoinInput, 'providerIds' | 'locationIds' | 'modality' | 'windows' | 'moveAppointmentId'>
  >;

export const joinWaitlist = (body: WaitlistJoin) => post<WaitlistEntry>('/api/waitlist', body);

export const fetchMyWaitlist = (signal?: AbortSignal) =>
  get<{ entries: WaitlistEntry[] }>('/api/me/waitlist', { signal });

export const withdrawEntry = (id: string) => post(`/api/waitlist/${seg(id)}/withdraw`);

export const openOffer = (token: string) =>
  post<WaitlistOffer>('/api/waitlist/offers/open', { token });

export const acceptOffer = (id: string) =>
  post<AcceptAnswer>(`/api/waitlist/offers/${seg(id)}/accept`);

export const declineOffer = (id: string) => post(`/api/waitlist/offers/${seg(id)}/decline`);

export const fetchStaffWaitlist = (signal?: AbortSignal) =>
  get<{ entries: StaffWaitlistEntry[] }>('/api/waitlist?status=waiting', { signal });

export const setEntryPriority = (id: string, priority: number) =>
  put<WaitlistEntry>(`/api/waitlist/${seg(id)}/priority`, { priority });

export const fetchWaitlistReport = (
  r: { from: string; to: string; locationId?: string | undefined },
  signal?: AbortSignal,
) => {
  const q = new URLSearchParams({ from: r.from, to: r.to });
  if (r.locationId) q.set('locationId', r.locationId);
  return get<WaitlistReport>(`/api/reports/waitlist?${q.toString()}`, { signal });
};

export interface WaitlistSettings {
  batchSize: number;
  offerMinutes: number;
}

export const fetchWaitlistSettings = (signal?: AbortSignal) =>
  get<WaitlistSettings>('/api/admin/waitlist-settings', { signal });

export const saveWaitlistSettings = (s: WaitlistSettings) =>
  put<WaitlistSettings>('/api/admin/waitlist-settings', s);
