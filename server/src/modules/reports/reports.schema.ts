import { z } from 'zod';

/**
 * The managers' reports: aggregates without identifiers. No report names or counts a patient, an
 * appointment id or a single appointment's time; providers, locations and appointment types are
 * named (they are the clinic's own public directory).
 */

/** The longest range a report covers. */
export const maxReportDays = 366;

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
  }, 'must be a real date');

const days = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** A range of local dates (each location's own zone), inclusive, and optionally one location. */
export const reportQuerySchema = z
  .strictObject({ from: localDate, to: localDate, locationId: z.uuid().optional() })
  .refine((q) => q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  .refine((q) => q.from > q.to || days(q.from, q.to) <= maxReportDays, {
    message: `a report covers at most ${maxReportDays} days`,
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

const range = {
  from: z.string(),
  to: z.string(),
  /** The location asked for; null when the report covers every location the caller may see. */
  locationId: z.uuid().nullable(),
};
const rate = z.number().nullable();

const utilization = {
  availableMinutes: z.number().int(),
  bookedMinutes: z.number().int(),
  /** Booked over available minutes; null without available minutes (over 1 when overbooked). */
  utilization: rate,
};

export const utilizationReportSchema = z.strictObject({
  ...range,
  providers: z.array(
    z.strictObject({
      providerId: z.uuid(),
      providerName: z.string(),
      locationId: z.uuid(),
      locationName: z.string(),
      ...utilization,
    }),
  ),
  locations: z.array(
    z.strictObject({ locationId: z.uuid(), locationName: z.string(), ...utilization }),
  ),
  total: z.strictObject(utilization),
});
export type UtilizationReport = z.infer<typeof utilizationReportSchema>;

const leadTime = {
  visits: z.number().int(),
  /** Booking to visit, rounded to the minute; null without visits. */
  medianMinutes: z.number().int().nullable(),
  p90Minutes: z.number().int().nullable(),
  /** Visits by lead time: [fromDays, toDays), the last one open-ended (toDays null). */
  buckets: z.array(
    z.strictObject({
      fromDays: z.number().int(),
      toDays: z.number().int().nullable(),
      visits: z.number().int(),
    }),
  ),
};

export const leadTimeReportSchema = z.strictObject({
  ...range,
  total: z.strictObject(leadTime),
  byType: z.array(
    z.strictObject({
      appointmentTypeId: z.uuid(),
      appointmentTypeName: z.string(),
      ...leadTime,
    }),
  ),
});
export type LeadTimeReport = z.infer<typeof leadTimeReportSchema>;

const outcomes = {
  booked: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  rescheduled: z.number().int(),
  pending: z.number().int(),
  /** No-shows over visits that came due and were recorded (attended + no-shows). */
  noShowRate: rate,
  /** Cancellations over booked appointments. */
  cancellationRate: rate,
};

export const attendanceReportSchema = z.strictObject({
  ...range,
  total: z.strictObject(outcomes),
  byType: z.array(
    z.strictObject({
      appointmentTypeId: z.uuid(),
      appointmentTypeName: z.string(),
      ...outcomes,
    }),
  ),
});
export type AttendanceReport = z.infer<typeof attendanceReportSchema>;
