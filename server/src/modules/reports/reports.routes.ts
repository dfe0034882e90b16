import { z } from 'zod';
import type { Actor } from '../../platform/http/actor.ts';
import { route, type App } from '../../platform/http/route.ts';
import { attendanceCsv, leadTimeCsv, utilizationCsv } from './reports.csv.ts';
import { readReports } from './reports.policy.ts';
import {
  attendanceReportSchema,
  leadTimeReportSchema,
  reportQuerySchema,
  utilizationReportSchema,
  type ReportQuery,
} from './reports.schema.ts';
import type { Reports } from './reports.service.ts';

/**
 * Each report twice: JSON for the console's charts (`report.read`) and CSV for a spreadsheet
 * (`report.export`). The audit event names the report (resource id); the query holds dates and
 * a location id, never anything about a patient.
 */
export function reportsRoutes(app: App, reports: Reports) {
  report(app, {
    name: 'utilization',
    summary: 'Utilization: booked over working minutes, by provider and location (managers)',
    schema: utilizationReportSchema,
    run: reports.utilization,
    csv: utilizationCsv,
  });
  report(app, {
    name: 'lead-time',
    summary: 'Lead time from booking to visit: median, 90th percentile, distribution (managers)',
    schema: leadTimeReportSchema,
    run: reports.leadTime,
    csv: leadTimeCsv,
  });
  report(app, {
    name: 'attendance',
    summary: 'No-show and cancellation rates by appointment type (managers)',
    schema: attendanceReportSchema,
    run: reports.attendance,
    csv: attendanceCsv,
  });
}

function report<S extends z.ZodType>(
  app: App,
  r: {
    name: string;
    summary: string;
    schema: S;
    run: (actor: Actor, q: ReportQuery) => Promise<z.infer<S>>;
    csv: (report: z.infer<S>) => string;
  },
) {
  const url = `/api/reports/${r.name}`;
  // The caller's types tie run, schema and csv together; Fastify sees the schema as a ZodType.
  const schema: z.ZodType = r.schema;
  const run = r.run as (actor: Actor, q: ReportQuery) => Promise<unknown>;
  const description =
    'Local dates in each location’s zone, from and to inclusive, at most 366 days; locationId narrows it to one location. Aggregates only: no patient, appointment id or single appointment time.';
  route(app, {
    method: 'GET',
    url,
    access: readReports,
    audit: { action: 'report.read', resourceType: 'report' },
    schema: {
      summary: r.summary,
      description,
      tags: ['reports'],
      querystring: reportQuerySchema,
      response: { 200: schema },
    },
    handler: async (req) => {
      req.audited.resourceId = r.name;
      return run(req.actor, req.query);
    },
  });
  route(app, {
    method: 'GET',
    url: `${url}/export`,
    access: readReports,
    audit: { action: 'report.export', resourceType: 'report' },
    schema: {
      summary: `${r.summary}, as CSV`,
      description: `${description} Formula-safe CSV (text/csv).`,
      tags: ['reports'],
      querystring: reportQuerySchema,
      response: { 200: z.string() },
    },
    handler: async (req, reply) => {
      req.audited.resourceId = r.name;
      const q = req.query;
      const body = r.csv(await r.run(req.actor, q));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${r.name}-${q.from}-${q.to}.csv"`)
        .send(body);
    },
  });
}
