import { get, post } from './client.ts';
import { ApiError } from './problem.ts';
import type { Session, Stage } from './types.ts';

/**
 * The signed-in session, or null when nobody is signed in. Asks the state first, which answers 200
 * signed out, so that a visitor's pages log no failed request; reads the session only when there is
 * one (a 401 in between means it just ended).
 */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  const state = await get<{ signedIn: boolean }>('/api/auth/session/state', { signal });
  if (!state.signedIn) return null;
  try {
    return await get<Session>('/api/auth/session', { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export interface SignInInput {
  organization: string;
  email: string;
  password: string;
}

export const signIn = (input: SignInInput) =>
  post<{ stage: Stage }>('/api/auth/sign-in', input, { noStepUp: true });

export const signOut = () => post('/api/auth/sign-out');

export const verifySecondFactor = (factor: { code: string } | { recoveryCode: string }) =>
  post<{ stage: Stage }>('/api/auth/mfa/verify', factor, { noStepUp: true });

/** Mails a fresh sign-in code to a patient's verified address. */
export const sendEmailCode = () => post('/api/auth/mfa/email-code');

export const startEnrollment = () =>
  post<{ secret: string; otpauthUri: string }>('/api/auth/mfa/enrollment');

export const confirmEnrollment = (code: string) =>
  post<{ recoveryCodes: string[] }>('/api/auth/mfa/enrollment/confirm', { code });

export const stepUp = (proof: { password: string } | { code: string }) =>
  post('/api/auth/step-up', proof, { noStepUp: true });

/** "Stay signed in": counts as activity on the server, which pushes the idle timeout back. */
export const extendSession = () => post('/api/auth/session/extend');

export const requestPasswordReset = (input: { organization: string; email: string }) =>
  post<{ next: 'check-email' }>('/api/auth/password-reset', input);

export const completePasswordReset = (input: { token: string; newPassword: string }) =>
  post('/api/auth/password-reset/complete', input);

export const verifyEmail = (token: string) => post('/api/auth/verify-email', { token });

export const acceptInvitation = (input: { token: string; password: string }) =>
  post('/api/auth/invitations/accept', input);

export const replaceRecoveryCodes = () =>
  post<{ recoveryCodes: string[] }>('/api/account/recovery-codes');

/** What the registration form collects (the contract of `POST /api/auth/register`). */
export interface Registration {
  organization: string;
  email: string;
  password: string;
  legalName: { given: string; family: string };
  preferredName?: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'intersex' | 'unknown';
  phone: string;
  language?: 'en' | 'es';
  /** The caregiver invitation the registrant came from (carried to the verification link). */
  invitation?: string | null;
}

/**
 * The registration request's body: the one place to adapt when the server's contract moves.
 * Empty optional fields are left out rather than sent empty.
 */
export function registrationBody(r: Registration): Record<string, unknown> {
  const preferredName = r.preferredName?.trim();
  return {
    organization: r.organization,
    email: r.email.trim(),
    password: r.password,
    legalName: { given: r.legalName.given.trim(), family: r.legalName.family.trim() },
    ...(preferredName ? { preferredName } : {}),
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    phone: r.phone.trim(),
    ...(r.language ? { language: r.language } : {}),
    ...(r.invitation ? { invitation: r.invitation } : {}),
  };
}

export const register = (r: Registration) =>
  post<{ next: 'check-email' }>('/api/auth/register', registrationBody(r));
