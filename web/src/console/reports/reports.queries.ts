import { queryOptions } from '@tanstack/react-query';
import {
  fetchAttendance,
  fetchLeadTime,
  fetchUtilization,
  type ReportRange,
} from '../../api/reports.ts';

/** Each report by its range and location (dates and an id: nothing about a patient). */
const key = (name: string, r: ReportRange) => ['reports', name, r.from, r.to, r.locationId ?? ''];

export const utilizationQuery = (r: ReportRange) =>
  queryOptions({
    queryKey: key('utilization', r),
    queryFn: ({ signal }) => fetchUtilization(r, signal),
  });
export const leadTimeQuery = (r: ReportRange) =>
  queryOptions({
    queryKey: key('lead-time', r),
    queryFn: ({ signal }) => fetchLeadTime(r, signal),
  });
export const attendanceQuery = (r: ReportRange) =>
  queryOptions({
    queryKey: key('attendance', r),
    queryFn: ({ signal }) => fetchAttendance(r, signal),
  });
