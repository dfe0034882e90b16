import { z } from 'zod';
import { workforceRoles } from '../../platform/http/actor.ts';
import { identitySchema } from '../patients/patients.schema.ts';
import { passwordMaxLength } from './identity.password.ts';

// Lengths are checked loosely here and precisely by the password policy, which names the rule.
export const passwordField = z
  .string()
  .min(1)
  .max(passwordMaxLength * 4);
export const emailField = z.string().trim().max(254).email();
export const slugField = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
export const tokenField = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a valid link token');
export const totpField = z.string().regex(/^\d{6}$/, 'six digits');
export const recoveryCodeField = z.string().min(16).max(24);
export const roleField = z.enum(workforceRoles);

export const stageSchema = z.enum(['enroll', 'mfa', 'full']);

export const languageField = z.enum(['en', 'es']);
export const mfaMethodSchema = z.enum(['totp', 'recovery', 'email']);

export const sessionView = z.object({
  stage: stageSchema,
  account: z.object({
    /** The account's id; for a guest, the guest session's id. */
    id: z.uuid(),
    /** The organization the account belongs to: the patient's clinic, for its forms and pages. */
    organizationId: z.uuid(),
    /** `guest`: a guest session (no account): booking with an emailed code, or a visit link. */
    kind: z.enum(['workforce', 'patient', 'guest']),
    /** Empty for a guest. */
    displayName: z.string(),
    roles: z.array(z.string()),
    locationIds: z.array(z.string()),
    providerId: z.string().nullable(),
    patientId: z.string().nullable(),
    mfaEnabled: z.boolean(),
    /** The language a patient chose at registration; null when none was given. */
    language: languageField.nullable(),
  }),
  /** What the current stage accepts to complete sign-in (`mfa`); empty in any other stage. */
  mfaMethods: z.array(mfaMethodSchema),
  /** A guest session's reach: `booking` (its own bookings) or `visit` (one visit link's). */
  guest: z
    .object({ scope: z.enum(['booking', 'visit']), appointmentIds: z.array(z.uuid()) })
    .nullable(),
  idleTimeoutSeconds: z.number().int(),
  /** When the session ends if nothing happens (idle timeout or absolute lifetime, the earlier). */
  idleExpiresAt: z.string(),
  expiresAt: z.string(),
  steppedUpAt: z.string().nullable(),
});

/**
 * GET /api/auth/session/state: whether the caller has a live session, answered 200 either way so
 * that a signed-out page makes no failing request. No names or record ids: only what a page needs
 * to decide whether to read the session itself.
 */
export const sessionStateView = z.object({
  signedIn: z.boolean(),
  /** Absent when signed out. */
  stage: stageSchema.optional(),
  kind: z.enum(['workforce', 'patient', 'guest']).optional(),
  idleExpiresAt: z.string().optional(),
});

export const accountView = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  status: z.string(),
  roles: z.array(z.string()),
  locationIds: z.array(z.string()),
  providerId: z.string().nullable(),
  mfaEnabled: z.boolean(),
});

export const deviceView = z.object({
  id: z.uuid(),
  device: z.string(),
  location: z.string(),
  signedInAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

export const idParams = z.strictObject({ id: z.uuid() });

/** The identity a patient gives about themselves: the patients module's own field rules. */
const identity = identitySchema.shape;
export const registrationBody = z.strictObject({
  organization: slugField,
  email: emailField,
  password: passwordField,
  legalName: identity.legalName,
  preferredName: identity.preferredName,
  dateOfBirth: identity.dateOfBirth,
  sex: identity.sex,
  phone: identity.phone.unwrap(),
  language: languageField.optional(),
  /** A caregiver invitation the registrant came from: carried in the verification link. */
  invitation: tokenField.optional(),
});

export const guestStartBody = z.strictObject({
  organization: slugField,
  email: emailField,
  legalName: identity.legalName,
  dateOfBirth: identity.dateOfBirth,
  sex: identity.sex,
  phone: identity.phone,
});

export const checkEmail = { 202: z.object({ next: z.literal('check-email') }) };
