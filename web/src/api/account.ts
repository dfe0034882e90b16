import type { z } from 'zod';
import type { deviceView } from '../../../server/src/modules/identity/identity.schema.ts';
import type { Consent, Preferences } from '../../../server/src/modules/patients/patients.schema.ts';
import { get, post, put, request, seg } from './client.ts';

export type Device = z.infer<typeof deviceView>;
export type { Consent, Preferences };

/** The devices this account is signed in on (this one marked `current`). */
export const fetchDevices = (signal?: AbortSignal) =>
  get<{ sessions: Device[] }>('/api/account/sessions', { signal }).then((r) => r.sessions);

export const signOutDevice = (id: string) =>
  request<void>('DELETE', `/api/account/sessions/${seg(id)}`);

/** Changes the password; the server signs the account's other devices out. */
export const changePassword = (input: { currentPassword: string; newPassword: string }) =>
  post('/api/account/password', input);

export const fetchPreferences = (patientId: string, signal?: AbortSignal) =>
  get<{ preferences: Preferences | null }>(`/api/patients/${seg(patientId)}/preferences`, {
    signal,
  }).then((r) => r.preferences);

export const savePreferences = (patientId: string, prefs: Preferences) =>
  put<Preferences>(`/api/patients/${seg(patientId)}/preferences`, prefs);

/** Proxy and guardian consents on the patient's record, revoked ones included. */
export const fetchConsents = (patientId: string, signal?: AbortSignal) =>
  get<{ consents: Consent[] }>(`/api/patients/${seg(patientId)}/consents`, { signal }).then(
    (r) => r.consents,
  );

/** The caregiver is named by the email they sign in with (in the body, never the address). */
/**
 * Names a caregiver by their sign-in email. The answer is the same whether or not an account
 * uses it (the server does not say who has one); the consents list shows what was granted.
 */
export const grantProxy = (
  patientId: string,
  input: { proxyEmail: string; scope: Consent['scope'] },
) => post<{ status: 'sent' }>(`/api/patients/${seg(patientId)}/proxies`, input);

export const revokeConsent = (patientId: string, consentId: string) =>
  post<Consent>(`/api/patients/${seg(patientId)}/consents/${seg(consentId)}/revoke`);

/** The patient's own record as JSON (right of access), downloaded by the browser. */
export const recordHref = '/api/me/record';
