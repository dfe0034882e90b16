import { z } from 'zod';
import { localDate } from '../directory/directory.rules-schema.ts';
import { visitPolicySchema } from './booking.visit-window.ts';
import { occupyingStatuses } from './booking.statuses.ts';

/** The staff console's schedule of one location: its query, its entries, its counts. */

/** The longest range one request covers, in local dates. */
export const maxScheduleDays = 31;

const idList = (max: number) =>
  z
    .string()
    .max(max * 37)
    .transform((s) => s.split(','))
    .pipe(z.array(z.uuid()).min(1).max(max))
    .describe('Comma-separated ids');

const dateRange = z.strictObject({
  from: localDate.describe('First local date, in the location’s zone'),
  to: localDate.describe('Last local date, inclusive'),
  providers: idList(100).optional(),
});

function checkRange(ctx: { value: { from: string; to: string }; issues: unknown[] }) {
  const { from, to } = ctx.value;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1 || days > maxScheduleDays) {
    (ctx.issues as object[]).push({
      code: 'custom',
      input: to,
      path: ['to'],
      message: `the range runs from \`from\` to \`to\`, 1 to ${maxScheduleDays} days`,
    });
  }
}

export const scheduleQuery = dateRange
  .extend({
    resources: idList(20).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,120}$/, 'the nextCursor of the previous page')
      .optional(),
  })
  .check(checkRange);
export type ScheduleQuery = z.infer<typeof scheduleQuery>;

export const countsQuery = dateRange.check(checkRange);
export type CountsQuery = z.infer<typeof countsQuery>;

const status = z.enum(occupyingStatuses);

export const scheduleEntrySchema = z
  .object({
    id: z.string(),
    appointmentTypeId: z.string(),
    providerId: z.string(),
    locationId: z.string(),
    resourceIds: z.array(z.string()),
    modality: z.enum(['in_person', 'telehealth']),
    status,
    start: z.string(),
    end: z.string(),
    bufferedStart: z.string().describe('Start of the time the visit occupies, buffers included'),
    bufferedEnd: z.string(),
    holdExpiresAt: z.string().nullable(),
    overbooked: z.boolean(),
    version: z.number().int().describe('For If-Match on changes: the ETag "v<version>"'),
    seriesId: z.string().nullable().describe('The recurring series it belongs to, if any'),
    patient: z
      .object({ id: z.string(), displayName: z.string().nullable() })
      .nullable()
      .describe('Front desk and the treating clinician only'),
  })
  .meta({ id: 'ScheduleEntry' });
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

const where = {
  locationId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
};

export const scheduleAnswer = z
  .object({
    ...where,
    visitPolicy: visitPolicySchema,
    entries: z.array(scheduleEntrySchema),
    nextCursor: z.string().nullable().describe('null on the last page'),
  })
  .meta({ id: 'Schedule' });
export type ScheduleAnswer = z.infer<typeof scheduleAnswer>;

export const countsAnswer = z
  .object({
    ...where,
    counts: z.array(
      z.object({
        providerId: z.string(),
        date: z.string().describe('Local date of the start'),
        status,
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ScheduleCounts' });
export type CountsAnswer = z.infer<typeof countsAnswer>;
