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
import { directoryNames } from '../directory/directory.lookup.ts';
import { loadWorkingTime, type WorkingTime } from '../directory/directory.working-time.ts';
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
 * aggregates by id (booking.reports.ts); the locations covered, their zones, working time and the
 * names of providers and types from the directory's published reads (working time as the
 * availability engine reads its rules). This module reads no table of its own or of theirs.
 */
export function createReports(db: Db) {
  /**
   * The organization and locations a report covers: the one asked for, or every location the
   * account may see (an account limited to some locations sees only those), with the directory's
   * working time there. A location that is not the caller's, or does not exist, is a 404 either way.
   */
  async function scope(
    actor: Actor,
    q: ReportQuery,
  ): Promise<{ range: ReportRange; working: WorkingTime }> {
    if (!mayReadReports(actor)) throw new Forbidden();
    const organizationId = actor.organizationId;
    const limitedTo = actor.locationIds ?? [];
    let locationIds: string[] | null = limitedTo.length > 0 ? limitedTo : null;
    if (q.locationId !== undefined) {
      requireLocation(actor, organizationId, q.locationId);
      locationIds = [q.locationId];
    }
    const working = await loadWorkingTime(db, {
      organizationId,
      from: q.from,
      to: q.to,
      locationIds,
    });
    if (q.locationId !== undefined && working.locations.length === 0) throw new NotFound();
    return {
      range: { organizationId, from: q.from, to: q.to, locations: working.locations },
      working,
    };
  }

  /** The directory's names of these types, providers (public directory data). */
  async function names(
    organizationId: string,
    ids: { typeIds?: string[]; providerIds?: string[] },
  ) {
    const found = await directoryNames(db, organizationId, {
      typeIds: ids.typeIds ?? [],
      providerIds: ids.providerIds ?? [],
      locationIds: [],
    });
    return {
      type: (id: string) => found.types.get(id)?.name ?? '',
      provider: (id: string) => found.providers.get(id)?.displayName ?? '',
    };
  }

  /** The type rows of booking's aggregates named, ordered by name (then id), and the total. */
  async function byTypeNamed<R extends { appointmentTypeId: string | null }, F>(
    organizationId: string,
    rows: R[],
    figures: (r: R) => F,
  ) {
    const typeIds = rows.flatMap((r) => (r.appointmentTypeId ? [r.appointmentTypeId] : []));
    const named = await names(organizationId, { typeIds });
    const byType = typeIds
      .map((id) => ({
        id,
        name: named.type(id),
        row: rows.find((r) => r.appointmentTypeId === id)!,
      }))
      .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id))
      .map(({ id, name, row }) => ({
        appointmentTypeId: id,
        appointmentTypeName: name,
        ...figures(row),
      }));
    return { total: figures(rows.find((r) => r.appointmentTypeId === null)!), byType };
  }

  const header = (q: ReportQuery) => ({
    from: q.from,
    to: q.to,
    locationId: q.locationId ?? null,
  });

  return {
    /** Booked over working minutes, per provider and location, per location, and in total. */
    async utilization(actor: Actor, q: ReportQuery): Promise<UtilizationReport> {
      const { range, working } = await scope(actor, q);
      const booked = await bookedMinutes(db, range);
      // Providers with bookings but no hours here are named by the directory too.
      const scheduled = new Map(working.schedules.map((s) => [s.providerId, s.providerName]));
      const unscheduled = [...new Set(booked.map((b) => b.providerId))].filter(
        (id) => !scheduled.has(id),
      );
      const named = await names(range.organizationId, { providerIds: unscheduled });
      const providerName = (id: string) => scheduled.get(id) ?? named.provider(id);
      return { ...header(q), ...utilization(working, booked, providerName, range) };
    },

    /** Booking to visit: median, 90th percentile and distribution, in total and per type. */
    async leadTime(actor: Actor, q: ReportQuery): Promise<LeadTimeReport> {
      const { range } = await scope(actor, q);
      const rows = await leadTimes(db, range);
      return { ...header(q), ...(await byTypeNamed(range.organizationId, rows, leadTimeFigures)) };
    },

    /** No-shows and cancellations per appointment type, and in total. */
    async attendance(actor: Actor, q: ReportQuery): Promise<AttendanceReport> {
      const { range } = await scope(actor, q);
      const rows = await outcomesByType(db, range);
      return { ...header(q), ...(await byTypeNamed(range.organizationId, rows, outcomeFigures)) };
    },
  };
}

/** Text order by code point, as the database's C collation sorts (the order the reports had). */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
