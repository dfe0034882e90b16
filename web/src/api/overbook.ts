import { del, get, put, seg } from './client.ts';

/**
 * The clinic's overbooking policy (managers and admins), what remains of it at a time (the front
 * desk, before overbooking), and the no-show risk of a day's bookings (the schedule's readers).
 */

export interface OverbookPolicyInput {
  providerId: string;
  /** null: the provider's default for every type without its own. */
  appointmentTypeId: string | null;
  allowed: boolean;
  maxAtOnce: number;
  maxPerHour: number | null;
  maxPerDay: number | null;
}
export type OverbookPolicy = OverbookPolicyInput & { version: number; updatedAt: string };

export const fetchOverbookPolicies = (signal?: AbortSignal) =>
  get<{ policies: OverbookPolicy[] }>('/api/admin/overbook-policies', { signal });
export const saveOverbookPolicy = (input: OverbookPolicyInput) =>
  put<OverbookPolicy>('/api/admin/overbook-policies', input);
export const removeOverbookPolicy = (providerId: string, appointmentTypeId: string | null) =>
  del(
    `/api/admin/overbook-policies/${seg(providerId)}${
      appointmentTypeId ? `?appointmentTypeId=${encodeURIComponent(appointmentTypeId)}` : ''
    }`,
  );

export interface OverbookAllowance {
  allowed: boolean;
  atOnce: { max: number; free: number };
  perHour: { max: number | null; used: number };
  perDay: { max: number | null; used: number };
  remaining: number;
}

export const fetchOverbookAllowance = (
  q: { providerId: string; appointmentTypeId: string; locationId: string; start: string },
  signal?: AbortSignal,
) => get<OverbookAllowance>(`/api/overbook/allowance?${new URLSearchParams(q)}`, { signal });

export type RiskLevel = 'low' | 'medium' | 'high';
export interface AppointmentRisk {
  appointmentId: string;
  providerId: string;
  start: string;
  end: string;
  score: number;
  level: RiskLevel;
}

export const fetchNoShowRisk = (locationId: string, date: string, signal?: AbortSignal) =>
  get<{ entries: AppointmentRisk[] }>(
    `/api/locations/${seg(locationId)}/no-show-risk?date=${encodeURIComponent(date)}`,
    { signal },
  );
