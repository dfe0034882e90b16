import { z } from 'zod';
import { listedStatuses } from '../booking/booking.statuses.ts';

/**
 * A patient's identifiers as the vault holds them (decrypted only in memory). Everything here is
 * PHI: it is stored encrypted in `patient_identity`, never logged, and leaves the server only
 * through a role's projection (patients.projection.ts).
 */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => isCalendarDate(v) && v >= '1900-01-01', {
    message: 'must be a real date after 1900',
  });

/**
 * A date of birth: a real date from 1900 to today. "Today" is the latest date anywhere on Earth
 * (UTC+14), so a baby born today in any zone is taken; a date after that is a typing slip.
 */
const birthDate = isoDate.refine(
  (v) => v <= new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10),
  { message: 'must not be in the future' },
);

/** A date that exists (Date.parse alone takes 1911-11-31 for 1 December). */
function isCalendarDate(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const identifier = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{3,32}$/, 'must be 3 to 32 letters, digits or hyphens');

export const sexes = ['female', 'male', 'intersex', 'unknown'] as const;

export const addressSchema = z.strictObject({
  line: text(200),
  city: text(100),
  region: text(100),
  postalCode: text(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
});

export const identitySchema = z.strictObject({
  legalName: z.strictObject({ given: text(100), family: text(100) }),
  preferredName: text(100).optional(),
  dateOfBirth: birthDate,
  /** Sex for scheduling rules (some appointment types depend on it); not gender identity. */
  sex: z.enum(sexes),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{7,24}$/, 'must be a phone number')
    .optional(),
  email: z.email().max(254).optional(),
  address: addressSchema.optional(),
  mrn: identifier.optional(),
  insuranceMemberId: identifier.optional(),
});
export type Identity = z.infer<typeof identitySchema>;

export const registrationSchema = identitySchema
  .extend({
    /**
     * Staff have seen these possible matches and are registering a different person anyway.
     * Without it, a possible duplicate stops registration (never a silent merge).
     */
    notDuplicateOf: z.array(z.uuid()).max(20).optional(),
  })
  .refine((v) => v.phone !== undefined || v.email !== undefined, {
    message: 'give a phone number or an email address',
    path: ['phone'],
  });
export type Registration = z.infer<typeof registrationSchema>;

// What a patient is found by. Sent in a body: PHI never goes in a URL.
const findFields = {
  email: z.email().max(254).optional(),
  phone: z.string().trim().min(7).max(24).optional(),
  mrn: identifier.optional(),
  dateOfBirth: isoDate.optional(),
  familyName: text(100).optional(),
};
type FindFields = { [K in keyof typeof findFields]?: string | undefined };

/** Exactly one of: email, phone, MRN, or the date of birth with the family name. */
function oneWay(q: FindFields): boolean {
  return (
    [q.email, q.phone, q.mrn, q.dateOfBirth ?? q.familyName].filter((v) => v !== undefined)
      .length === 1 && (q.dateOfBirth === undefined) === (q.familyName === undefined)
  );
}

/** Exact look-ups only, by blind index: one of them per request. */
export const lookupSchema = z.strictObject(findFields).refine(oneWay, {
  message: 'look up by exactly one of: email, phone, mrn, or dateOfBirth with familyName',
});
export type Lookup = z.infer<typeof lookupSchema>;

/**
 * The front desk's search: the date of birth with a family name that may be misspelled or typed
 * in part (optionally the given name, which only ranks), or an exact email, phone or MRN.
 */
export const searchSchema = z
  .strictObject({ ...findFields, givenName: text(100).optional() })
  .refine((q) => oneWay(q) && (q.givenName === undefined || q.familyName !== undefined), {
    message:
      'search by dateOfBirth with familyName (and givenName if you have it), or by exactly one of: email, phone, mrn',
  });
export type Search = z.infer<typeof searchSchema>;

/** Identifiers a role sees only masked, and may reveal one at a time with step-up. */
export const revealableFields = ['mrn', 'insuranceMemberId', 'dateOfBirth'] as const;
export type RevealableField = (typeof revealableFields)[number];

export const revealBodySchema = z.strictObject({ field: z.enum(revealableFields) });

export const patientIdParams = z.strictObject({ patientId: z.uuid() });

/** A patient's appointment as projections show it: structured fields only, no free text. */
export const patientAppointmentSchema = z.strictObject({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  status: z.enum(listedStatuses),
  appointmentType: z.strictObject({ id: z.uuid(), name: z.string() }),
  provider: z.strictObject({ id: z.uuid(), displayName: z.string() }),
  location: z.strictObject({ id: z.uuid(), name: z.string() }),
  modality: z.enum(['in_person', 'telehealth']),
});

/** What leaves the server: every field optional, because each role's projection omits some. */
export const patientViewSchema = z.strictObject({
  id: z.uuid(),
  createdAt: z.string().optional(),
  legalName: z.strictObject({ given: z.string(), family: z.string() }).optional(),
  preferredName: z.string().optional(),
  dateOfBirth: z.string().optional(),
  sex: z.enum(sexes).optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  address: addressSchema.optional(),
  mrn: z.string().optional(),
  insuranceMemberId: z.string().optional(),
  appointments: z.array(patientAppointmentSchema).optional(),
});
export type PatientView = z.infer<typeof patientViewSchema>;

/** How a found family name relates to the one searched for, best first. */
export const matchKinds = ['exact', 'prefix', 'phonetic'] as const;
export type MatchKind = (typeof matchKinds)[number];

/**
 * A search's answer, best match first: the family name equal to the one searched for, then
 * starting with it, then sounding like it (an identifier search's matches are all `exact`).
 * At most 20; `truncated` says there were more (search with more of the name).
 */
export const searchResultsSchema = z.strictObject({
  results: z.array(z.strictObject({ match: z.enum(matchKinds), patient: patientViewSchema })),
  truncated: z.boolean(),
});
export type SearchResults = z.infer<typeof searchResultsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');
const timeZones = new Set(Intl.supportedValuesOf('timeZone'));

export const channels = ['email', 'sms', 'voice'] as const;

/** How and when a patient wants to hear from the clinic. No identifiers. */
export const preferencesSchema = z.strictObject({
  channels: z
    .array(z.enum(channels))
    .max(3)
    .refine((c) => new Set(c).size === c.length, 'list each channel once'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag like en or es-MX'),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
  timeZone: z.string().refine((z) => timeZones.has(z) || z === 'UTC', 'must be an IANA time zone'),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const proxyScopes = ['scheduling', 'scheduling_and_messages'] as const;

export const grantProxySchema = z
  .strictObject({
    proxyAccountId: z.string().trim().min(1).max(100).optional(),
    /** The caregiver's sign-in email: how a patient names them (an account id is staff's). */
    proxyEmail: z.email().max(254).optional(),
    scope: z.enum(proxyScopes),
    validUntil: z.iso.datetime({ offset: true }).optional(),
  })
  .check((ctx) => {
    if ((ctx.value.proxyAccountId === undefined) === (ctx.value.proxyEmail === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['proxyEmail'],
        message: 'give the caregiver’s email (or, for staff tools, proxyAccountId), not both',
      });
    }
  });

/** The answer to naming a caregiver by email: the same whether or not they have an account. */
export const proxyEmailAnswer = z.strictObject({ status: z.literal('sent') });

export const guardianSchema = z.strictObject({
  guardianAccountId: z.string().trim().min(1).max(100),
  scope: z.enum(proxyScopes),
  /** Why staff recorded this guardian (kept encrypted). */
  reason: z.string().trim().min(3).max(300),
  validUntil: z.iso.datetime({ offset: true }).optional(),
});

export const consentSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(['proxy', 'guardian']),
  proxyAccountId: z.string(),
  /** The proxy account's display name, in the patient's own list (null: no such account). */
  proxyName: z.string().nullable().optional(),
  scope: z.enum(proxyScopes),
  grantedBy: z.strictObject({ type: z.enum(['patient', 'user']), id: z.string() }),
  grantedAt: z.string(),
  validUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  reason: z.string().optional(),
});
export type Consent = z.infer<typeof consentSchema>;
