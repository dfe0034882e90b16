import type { Queryable } from '../../platform/db/db.ts';
import { providerBlocks, resourceBlocks } from './booking.store.ts';

/**
 * What the booking module tells availability: the time providers and resources are occupied,
 * and whether any hold past its expiry lies in the way (the booking transaction then clears it).
 */
export async function occupiedTime(
  db: Queryable,
  q: {
    providerIds: string[];
    /** Resources are read by the locations of the appointments that took them; null: none. */
    locationIds: string[] | null;
    from: Date;
    to: Date;
    excludeId?: string | null;
  },
) {
  const [providers, resources] = await Promise.all([
    providerBlocks(db, q.providerIds, q.from, q.to, q.excludeId ?? null),
    q.locationIds === null
      ? []
      : resourceBlocks(db, q.locationIds, q.from, q.to, q.excludeId ?? null),
  ]);
  return {
    expiredHolds: providers.some((b) => b.expired) || resources.some((b) => b.expired),
    providers: providers
      .filter((b) => !b.expired)
      .map((b) => ({
        providerId: b.provider_id,
        start: b.s,
        end: b.e,
        appointmentStart: b.starts_at,
        appointmentEnd: b.ends_at,
      })),
    resources: resources
      .filter((b) => !b.expired)
      .map((b) => ({ resourceId: b.resource_id, start: b.s, end: b.e })),
  };
}
