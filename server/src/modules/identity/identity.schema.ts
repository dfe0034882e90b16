import { z } from 'zod';
import { workforceRoles } from '../../platform/http/actor.ts';
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

export const sessionView = z.object({
  stage: stageSchema,
  account: z.object({
    id: z.uuid(),
    /** The organization the account belongs to: the patient's clinic, for its forms and pages. */
    organizationId: z.uuid(),
    kind: z.enum(['workforce', 'patient']),
    displayName: z.string(),
    roles: z.array(z.string()),
    locationIds: z.array(z.string()),
    providerId: z.string().nullable(),
    patientId: z.string().nullable(),
    mfaEnabled: z.boolean(),
  }),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
  steppedUpAt: z.string().nullable(),
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
