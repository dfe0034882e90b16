import type { Queryable } from '../../platform/db/db.ts';
import { OCCUPYING, type Status } from './booking.store.ts';

/**
 * The schedule's SQL: the appointments and live holds of one location that start in [from, to),
 * in (start, id) order, one page at a time (keyset). Two shapes, each one plan:
 *
 * - named providers (a clinician's own schedule, a filtered grid): each provider's appointments
 *   through the exclusion index (provider and time, as availability reads them), the time window
 *   starting at the cursor so later pages read less;
 * - the whole location: `appointments_schedule` (location, start, id), read in order from the
 *   cursor and stopped at the page's end.
 *
 * Holds past their expiry are left out at `now` (a parameter: the app's clock). A resource filter
 * is an `exists` on appointment_resources' key. Organization scoping: the location is checked to be
 * the organization's by the service, and every row is also checked here.
 */

export interface ScheduleRow {
  id: string;
  appointment_type_id: string;
  provider_id: string;
  location_id: string;
  patient_id: string | null;
  modality: 'in_person' | 'telehealth';
  status: Exclude<Status, 'cancelled' | 'expired'>;
  starts_at: Date;
  ends_at: Date;
  buffered_start: Date;
  buffered_end: Date;
  hold_expires_at: Date | null;
  lane: number;
  version: number;
  resource_ids: string[];
  series_id: string | null;
}

export interface ScheduleFilter {
  organizationId: string;
  locationId: string;
  /** Instants of the first local midnight and the one after the last date. */
  from: Date;
  to: Date;
  providerIds: string[] | null;
  resourceIds: string[] | null;
  now: Date;
}

const live = `a.${OCCUPYING} and not (a.status = 'held' and a.hold_expires_at <= $5)`;

/** One page after `after` (the last entry of the page before), up to `limit` entries. */
export async function schedulePage(
  db: Queryable,
  f: ScheduleFilter,
  after: { start: Date; id: string } | null,
  limit: number,
): Promise<ScheduleRow[]> {
  // $1 organization, $2 location, $3 from, $4 to, $5 now, $6 after start, $7 after id,
  // $8 limit, $9 providers, $10 resources.
  const source =
    f.providerIds === null
      ? `appointments a where a.location_id = $2`
      : `unnest($9::uuid[]) as p(id) cross join lateral (
           select * from appointments a
            where a.provider_id = p.id and a.${OCCUPYING}
              and a.during && tstzrange(greatest($3::timestamptz, $6::timestamptz), $4::timestamptz)
           offset 0) a
         where a.location_id = $2`;
  const { rows } = await db.query<ScheduleRow>(
    `select a.id, a.appointment_type_id, a.provider_id, a.location_id, a.patient_id, a.modality,
            a.status, a.starts_at, a.ends_at, lower(a.during) as buffered_start,
            upper(a.during) as buffered_end, a.hold_expires_at, a.lane, a.version, a.series_id,
            coalesce((select array_agg(r.resource_id order by r.resource_id)
                        from appointment_resources r where r.appointment_id = a.id), '{}')
              as resource_ids
       from ${source}
        and a.organization_id = $1 and a.starts_at >= $3 and a.starts_at < $4
        and (a.starts_at, a.id) > ($6::timestamptz, $7::uuid) and ${live}
        and ($9::uuid[] is null or a.provider_id = any($9::uuid[]))
        and ($10::uuid[] is null or exists (
              select 1 from appointment_resources r
               where r.appointment_id = a.id and r.resource_id = any($10::uuid[])))
      order by a.starts_at, a.id
      limit $8`,
    [
      f.organizationId,
      f.locationId,
      f.from,
      f.to,
      f.now,
      after?.start ?? f.from,
      after?.id ?? '00000000-0000-0000-0000-000000000000',
      limit,
      f.providerIds,
      f.resourceIds,
    ],
  );
  return rows;
}

/**
 * A cheap version of the location's range, for the schedule's ETag: how many live entries start
 * in it and a sum of a hash of each one's id and version. Any booking, change, cancellation or
 * hold expiring in the range changes it. Read from `appointments_schedule` alone.
 */
export async function scheduleVersion(db: Queryable, f: ScheduleFilter): Promise<string> {
  const { rows } = await db.query<{ n: string; h: string }>(
    `select count(*) as n,
            coalesce(sum(hashtextextended(a.id::text || ':' || a.version, 0)), 0) as h
       from appointments a
      where a.location_id = $2 and a.organization_id = $1
        and a.starts_at >= $3 and a.starts_at < $4 and ${live}`,
    [f.organizationId, f.locationId, f.from, f.to, f.now],
  );
  return `${rows[0]!.n}:${rows[0]!.h}`;
}

/** Live entries per provider, local date and status: `days` gives each local date's instants. */
export async function scheduleCounts(
  db: Queryable,
  f: ScheduleFilter,
  days: { date: string; from: Date; to: Date }[],
) {
  const { rows } = await db.query<{
    provider_id: string;
    date: string;
    status: ScheduleRow['status'];
    n: string;
  }>(
    `select a.provider_id, d.date, a.status, count(*) as n
       from unnest($6::text[], $7::timestamptz[], $8::timestamptz[]) as d(date, s, e)
       join appointments a on a.location_id = $2 and a.starts_at >= d.s and a.starts_at < d.e
      where a.organization_id = $1 and a.starts_at >= $3 and a.starts_at < $4 and ${live}
        and ($9::uuid[] is null or a.provider_id = any($9::uuid[]))
      group by a.provider_id, d.date, a.status
      order by a.provider_id, d.date, a.status`,
    [
      f.organizationId,
      f.locationId,
      f.from,
      f.to,
      f.now,
      days.map((d) => d.date),
      days.map((d) => d.from),
      days.map((d) => d.to),
      f.providerIds,
    ],
  );
  return rows.map((r) => ({
    providerId: r.provider_id,
    date: r.date,
    status: r.status,
    count: Number(r.n),
  }));
}
