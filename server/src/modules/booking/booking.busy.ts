import type { Queryable } from '../../platform/db/db.ts';
import { OCCUPYING } from './booking.store.ts';

/** One appointment's time as a schedule's busy interval: who and where, never for whom. */
export interface BusyTime {
  providerId: string;
  locationId: string;
  start: number;
  end: number;
}

/**
 * The time these providers are taken at these locations, starting within [from, to): the
 * appointments that occupy time (holds past their expiry left out), as intervals with no
 * patient, type or status. What FHIR publishes as busy Slots.
 */
export async function busyTimes(
  db: Queryable,
  q: { providerIds: string[]; locationIds: string[]; from: number; to: number; now: number },
): Promise<BusyTime[]> {
  if (q.providerIds.length === 0 || q.locationIds.length === 0 || q.to <= q.from) return [];
  const { rows } = await db.query<{
    provider_id: string;
    location_id: string;
    starts_at: Date;
    ends_at: Date;
  }>(
    `select a.provider_id::text, a.location_id::text, a.starts_at, a.ends_at
       from appointments a
      where a.provider_id = any($1::uuid[]) and a.location_id = any($2::uuid[])
        and a.${OCCUPYING} and a.starts_at >= $3 and a.starts_at < $4
        and not (a.status = 'held' and a.hold_expires_at <= $5)
      order by a.starts_at, a.provider_id, a.location_id`,
    [q.providerIds, q.locationIds, new Date(q.from), new Date(q.to), new Date(q.now)],
  );
  return rows.map((r) => ({
    providerId: r.provider_id,
    locationId: r.location_id,
    start: r.starts_at.getTime(),
    end: r.ends_at.getTime(),
  }));
}
