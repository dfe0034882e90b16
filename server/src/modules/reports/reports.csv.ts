import { csvDocument } from '../../platform/http/csv.ts';
import type { AttendanceReport, LeadTimeReport, UtilizationReport } from './reports.schema.ts';

/**
 * Each report as CSV for a spreadsheet: one row per provider and location, or per appointment
 * type with a first row over every type (`all`). Cells are formula-safe (platform/http/csv.ts):
 * a provider or type named "=HYPERLINK(…)" stays text.
 */

export function utilizationCsv(r: UtilizationReport): string {
  return csvDocument(
    [
      'provider_id',
      'provider',
      'location_id',
      'location',
      'available_minutes',
      'booked_minutes',
      'utilization',
    ],
    r.providers.map((p) => [
      p.providerId,
      p.providerName,
      p.locationId,
      p.locationName,
      p.availableMinutes,
      p.bookedMinutes,
      p.utilization,
    ]),
  );
}

export function leadTimeCsv(r: LeadTimeReport): string {
  const buckets = r.total.buckets.map((b) =>
    b.toDays === null
      ? `visits_${b.fromDays}_days_or_more`
      : `visits_${b.fromDays}_to_${b.toDays}_days`,
  );
  const row = (id: string | null, name: string, f: LeadTimeReport['total']) => [
    id,
    name,
    f.visits,
    f.medianMinutes,
    f.p90Minutes,
    ...f.buckets.map((b) => b.visits),
  ];
  return csvDocument(
    [
      'appointment_type_id',
      'appointment_type',
      'visits',
      'median_minutes',
      'p90_minutes',
      ...buckets,
    ],
    [
      row(null, 'all', r.total),
      ...r.byType.map((t) => row(t.appointmentTypeId, t.appointmentTypeName, t)),
    ],
  );
}

export function attendanceCsv(r: AttendanceReport): string {
  const row = (id: string | null, name: string, f: AttendanceReport['total']) => [
    id,
    name,
    f.booked,
    f.attended,
    f.noShows,
    f.cancelled,
    f.rescheduled,
    f.pending,
    f.noShowRate,
    f.cancellationRate,
  ];
  return csvDocument(
    [
      'appointment_type_id',
      'appointment_type',
      'booked',
      'attended',
      'no_shows',
      'cancelled',
      'rescheduled',
      'pending',
      'no_show_rate',
      'cancellation_rate',
    ],
    [
      row(null, 'all', r.total),
      ...r.byType.map((t) => row(t.appointmentTypeId, t.appointmentTypeName, t)),
    ],
  );
}
