import { z } from 'zod';
import { Invalid } from '../../platform/http/errors.ts';
import { isTimeZone } from './directory.schema.ts';

/** Input schemas for the scheduling directory. Strict: an unknown field is a 400, not ignored. */

const localTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM (24-hour)')
  .describe('Wall-clock time in the location’s zone, HH:MM');
/**
 * Years a clinic's calendar uses. ISO allows year 0000, which PostgreSQL refuses (22008): bounded
 * here, a date or instant outside them is a 400 naming the field, never a database error.
 */
const plausibleYear = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year <= 9998;
};
export const localDate = z.iso
  .date()
  .refine(plausibleYear, 'a date between the years 1900 and 9998')
  .describe('A calendar date, YYYY-MM-DD');
/** An instant with its offset; whole milliseconds are what the rules compare and store. */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(plausibleYear, 'a time between the years 1900 and 9998');
const shortText = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lowercase letters, digits, - and _');

export const modalitySchema = z.enum(['in_person', 'telehealth']);
export type Modality = z.infer<typeof modalitySchema>;

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, 'not a known IANA time zone (for example America/New_York)');

export const newLocationInput = z.strictObject({
  name: shortText(200),
  timeZone: timeZoneSchema,
  addressLine: z.string().max(200).default(''),
  city: z.string().max(100).default(''),
  region: z.string().max(100).default(''),
  postalCode: z.string().max(20).default(''),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 two-letter code')
    .default('US'),
  phone: z.string().max(40).default(''),
  inPerson: z.boolean().default(true),
  telehealth: z.boolean().default(false),
});

export const providerInput = z.strictObject({
  displayName: shortText(200),
  credentials: z.string().max(100).default(''),
  specialties: z.array(shortText(100)).max(20).default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag'))
    .max(20)
    .default([]),
  acceptingNewPatients: z.boolean().default(true),
  bio: z.string().max(2000).default(''),
  locationIds: z.array(z.uuid()).max(50).default([]),
});
export type ProviderInput = z.infer<typeof providerInput>;

export const resourceInput = z.strictObject({
  locationId: z.uuid(),
  name: shortText(200),
  kind: code.describe('room, ultrasound, ...'),
});
export type ResourceInput = z.infer<typeof resourceInput>;

export const prerequisiteSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('prior_visit'),
    appointmentTypeId: z.uuid(),
    withinDays: z.number().int().min(1).max(3650),
  }),
  z.strictObject({ kind: z.literal('intake_completed') }),
  z.strictObject({ kind: z.literal('referral_on_file') }),
]);
export type Prerequisite = z.infer<typeof prerequisiteSchema>;

const minutes = (max: number) => z.number().int().min(0).max(max);

export const appointmentTypeInput = z
  .strictObject({
    name: shortText(200),
    description: z.string().max(2000).default(''),
    instructions: z.string().max(4000).default(''),
    durationMinutes: z.number().int().min(5).max(720),
    bufferBeforeMinutes: minutes(240).default(0),
    bufferAfterMinutes: minutes(240).default(0),
    minNoticeMinutes: minutes(525600).default(0),
    horizonDays: z.number().int().min(1).max(730).default(90),
    slotIntervalMinutes: z.number().int().min(5).max(720),
    modalities: z.array(modalitySchema).min(1).max(2),
    requiredResourceKinds: z.array(code).max(5).default([]),
    eligibility: z.enum(['any', 'new', 'established']).default('any'),
    minAgeYears: z.number().int().min(0).max(150).nullable().default(null),
    maxAgeYears: z.number().int().min(0).max(150).nullable().default(null),
    prerequisites: z.array(prerequisiteSchema).max(10).default([]),
    cancelCutoffHours: z.number().int().min(0).max(720).default(24),
    rescheduleCutoffHours: z.number().int().min(0).max(720).default(24),
    /** The front desk may overbook this type (the extra lane, with a reason). */
    allowsOverbooking: z.boolean().default(true),
    scope: z
      .array(z.strictObject({ providerId: z.uuid(), locationId: z.uuid() }))
      .max(500)
      .default([]),
  })
  .check((ctx) => {
    const v = ctx.value;
    if (v.minAgeYears !== null && v.maxAgeYears !== null && v.minAgeYears > v.maxAgeYears) {
      ctx.issues.push({
        code: 'custom',
        input: v.maxAgeYears,
        path: ['maxAgeYears'],
        message: 'the maximum age is below the minimum age',
      });
    }
  });
export type AppointmentTypeInput = z.infer<typeof appointmentTypeInput>;

const endsAfterStart = (ctx: {
  value: { startTime?: string | null; endTime?: string | null };
  issues: unknown[];
}) => {
  const { startTime, endTime } = ctx.value;
  if (startTime && endTime && endTime <= startTime) {
    (ctx.issues as object[]).push({
      code: 'custom',
      input: endTime,
      path: ['endTime'],
      message: 'the interval ends before it starts',
    });
  }
};

export const workingHoursInput = z
  .strictObject({
    providerId: z.uuid(),
    locationId: z.uuid(),
    weekday: z.number().int().min(1).max(7).describe('ISO weekday, 1 = Monday'),
    startTime: localTime,
    endTime: localTime,
    effectiveFrom: localDate.nullable().default(null),
    effectiveTo: localDate.nullable().default(null),
  })
  .check(endsAfterStart)
  .check((ctx) => {
    const { effectiveFrom, effectiveTo } = ctx.value;
    if (effectiveFrom && effectiveTo && effectiveTo < effectiveFrom) {
      ctx.issues.push({
        code: 'custom',
        input: effectiveTo,
        path: ['effectiveTo'],
        message: 'the date range ends before it starts',
      });
    }
  });
export type WorkingHoursInput = z.infer<typeof workingHoursInput>;

export const dateOverrideInput = z
  .strictObject({
    providerId: z.uuid(),
    locationId: z.uuid(),
    date: localDate,
    startTime: localTime.nullable().default(null).describe('null with endTime null: closed'),
    endTime: localTime.nullable().default(null),
  })
  .check(endsAfterStart)
  .check((ctx) => {
    if ((ctx.value.startTime === null) !== (ctx.value.endTime === null)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.endTime,
        path: ['endTime'],
        message: 'give both start and end, or neither for a closed day',
      });
    }
  });
export type DateOverrideInput = z.infer<typeof dateOverrideInput>;

export const timeOffInput = z
  .strictObject({
    providerId: z.uuid(),
    start: instant,
    end: instant,
    reasonCode: z.enum(['vacation', 'sick', 'training', 'admin', 'other']).default('other'),
  })
  .check((ctx) => {
    if (Date.parse(ctx.value.end) <= Date.parse(ctx.value.start)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.end,
        path: ['end'],
        message: 'the time off ends before it starts',
      });
    }
  });
export type TimeOffInput = z.infer<typeof timeOffInput>;

export const holidayInput = z.strictObject({ date: localDate, name: shortText(200) });
export type HolidayInput = z.infer<typeof holidayInput>;

/**
 * Parses a request body for a service; a failure is a 400 naming each field by JSON pointer into
 * the request (`/body/name`), as the route schemas do.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  return throwInvalid(parsed.error);
}

function throwInvalid(error: z.ZodError): never {
  throw new Invalid(
    'Some fields need fixing.',
    error.issues.map((i) => ({
      pointer: `/body/${i.path.map(String).join('/')}`,
      detail: i.message,
    })),
  );
}
