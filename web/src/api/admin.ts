import { get, post, put, seg } from './client.ts';
import type { StaffAccount, WorkforceRole } from './types.ts';

/** Workforce accounts, invitations and the session policy (admins). */

export const fetchAccounts = (signal?: AbortSignal) =>
  get<{ accounts: StaffAccount[] }>('/api/admin/accounts', { signal });

export interface PendingInvitation {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  createdAt: string;
  expiresAt: string;
}
export const fetchInvitations = (signal?: AbortSignal) =>
  get<{ invitations: PendingInvitation[] }>('/api/admin/invitations', { signal });

export interface InvitationInput {
  email: string;
  displayName: string;
  roles: WorkforceRole[];
  locationIds: string[];
  providerId: string | null;
}
export const invite = (input: InvitationInput) =>
  post<{ id: string; expiresAt: string }>('/api/admin/invitations', input);

export const changeRoles = (id: string, input: { roles: WorkforceRole[]; locationIds: string[] }) =>
  put<StaffAccount>(`/api/admin/accounts/${seg(id)}/roles`, input);
export const setAccountEnabled = (id: string, enabled: boolean) =>
  post<StaffAccount>(`/api/admin/accounts/${seg(id)}/${enabled ? 'enable' : 'disable'}`);

export interface SessionPolicy {
  workforceIdleMinutes: number;
  workforceAbsoluteHours: number;
  patientIdleMinutes: number;
  patientAbsoluteHours: number;
}
export const fetchSessionPolicy = (signal?: AbortSignal) =>
  get<SessionPolicy>('/api/admin/session-policy', { signal });
export const saveSessionPolicy = (policy: SessionPolicy) =>
  put('/api/admin/session-policy', policy);
