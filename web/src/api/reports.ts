import { get } from './client.ts';
import type { AttendanceReport, LeadTimeReport, UtilizationReport } from './types.ts';

/** The managers' reports: aggregates without identifiers, as JSON for charts or CSV to save. */

export interface ReportRange {
  from: string;
  to: string;
  locationId?: string | undefined;
}
export type ReportName = 'utilization' | 'lead-time' | 'attendance';

const query = (r: ReportRange) =>
  new URLSearchParams({
    from: r.from,
    to: r.to,
    ...(r.locationId ? { locationId: r.locationId } : {}),
  }).toString();

export const fetchUtilization = (r: ReportRange, signal?: AbortSignal) =>
  get<UtilizationReport>(`/api/reports/utilization?${query(r)}`, { signal });
export const fetchLeadTime = (r: ReportRange, signal?: AbortSignal) =>
  get<LeadTimeReport>(`/api/reports/lead-time?${query(r)}`, { signal });
export const fetchAttendance = (r: ReportRange, signal?: AbortSignal) =>
  get<AttendanceReport>(`/api/reports/attendance?${query(r)}`, { signal });

/**
 * Where the browser downloads a report as CSV: a plain same-origin link (the session cookie goes
 * with it; the server sends it as an attachment). The query holds dates and a location id only.
 */
export const reportCsvHref = (name: ReportName, r: ReportRange) =>
  `/api/reports/${name}/export?${query(r)}`;
