import type { Db } from '../../platform/db/db.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { requireLocation } from '../access/access.record.ts';
import {
  bookedMinutes,
  leadTimeBucketDays,
  leadTimes,
  outcomesByType,
  type LeadTimeAggregate,
  type OutcomeAggregate,
  type ReportRange,
} from '../booking/booking.reports.ts';
import { loadWorkingTime } from '../directory/directory.working-time.ts';
import { mayReadReports } from './reports.policy.ts';
import type {
  AttendanceReport,
  LeadTimeReport,
  ReportQuery,
  UtilizationReport,
} from './reports.schema.ts';
import { utilization } from './reports.utilization.ts';

/**
 * The managers' reports. Booked time, lead times and outcomes come from booking's published
 * aggregates (booking.reports.ts), working time from the directory's rules read by the
 * availability engine; this module reads no table of its own or of theirs.
 */
export function createReports(db: Db) {
  /**
   * The organization and locations a report covers: the one asked for, or every location the
   * account may see (an account limited to some locations sees only those). A location that is
   * not the caller's, or does not exist, is a 404 either way.
   */
  async function scope(actor: Actor, q: ReportQuery): Promise<ReportRange> {
    if (!mayReadReports(actor)) throw new Forbidden();
    const organizationId = actor.organizationId;
    const limitedTo = actor.locationIds ?? [];
    let locationIds: string[] | null = limitedTo.length > 0 ? limitedTo : null;
    if (q.locationId !== undefined) {
      requireLocation(actor, organizationId, q.locationId);
      const known = await loadWorkingTime(db, {
        organizationId,
        from: q.from,
        to: q.from,
        locationIds: [q.locationId],
      });
      if (known.locations.length === 0) throw new NotFound();
      locationIds = [q.locationId];
    }
    return { organizationId, from: q.from, to: q.to, locationIds };
  }

  const header = (q: ReportQuery) => ({
    from: q.from,
    to: q.to,
    locationId: q.locationId ?? null,
  });

  return {
    /** Booked over working minutes, per provider and location, per location, and in total. */
    async utilization(actor: Actor, q: ReportQuery): Promise<UtilizationReport> {
      const range = await scope(actor, q);
      const [working, booked] = [await loadWorkingTime(db, range), await bookedMinutes(db, range)];
      return { ...header(q), ...utilization(working, booked, range) };
    },

    /** Booking to visit: median, 90th percentile and distribution, in total and per type. */
    async leadTime(actor: Actor, q: ReportQuery): Promise<LeadTimeReport> {
      const rows = await leadTimes(db, await scope(actor, q));
      return { ...header(q), ...totalAndByType(rows, leadTimeFigures) };
    },

    /** No-shows and cancellations per appointment type, and in total. */
    async attendance(actor: Actor, q: ReportQuery): Promise<AttendanceReport> {
      const rows = await outcomesByType(db, await scope(actor, q));
      return { ...header(q), ...totalAndByType(rows, outcomeFigures) };
    },
  };
}

/** Booking's rows per type and over all (appointmentType null) as a report's total and byType. */
function totalAndByType<R extends { appointmentType: { id: string; name: string } | null }, F>(
  rows: R[],
  figures: (r: R) => F,
) {
  return {
    total: figures(rows.find((r) => r.appointmentType === null)!),
    byType: rows.flatMap((r) =>
      r.appointmentType
        ? [
            {
              appointmentTypeId: r.appointmentType.id,
              appointmentTypeName: r.appointmentType.name,
              ...figures(r),
            },
          ]
        : [],
    ),
  };
}

export type Reports = ReturnType<typeof createReports>;

function leadTimeFigures(r: LeadTimeAggregate) {
  return {
    visits: r.visits,
    medianMinutes: r.medianMinutes,
    p90Minutes: r.p90Minutes,
    buckets: leadTimeBucketDays.map((fromDays, i) => ({
      fromDays,
      toDays: leadTimeBucketDays[i + 1] ?? null,
      visits: r.buckets[i] ?? 0,
    })),
  };
}

function outcomeFigures(r: OutcomeAggregate) {
  const due = r.attended + r.noShows;
  return {
    booked: r.booked,
    attended: r.attended,
    noShows: r.noShows,
    cancelled: r.cancelled,
    rescheduled: r.rescheduled,
    pending: r.pending,
    noShowRate: due > 0 ? r.noShows / due : null,
    cancellationRate: r.booked > 0 ? r.cancelled / r.booked : null,
  };
}
