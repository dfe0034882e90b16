import type { Queryable } from '../../platform/db/db.ts';
import { blocks } from './booking.store.ts';

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
  const rows = await blocks(db, q.providerIds, q.locationIds, q.from, q.to, q.excludeId ?? null);
  const providers = rows.filter((b) => b.kind === 'p');
  const resources = rows.filter((b) => b.kind === 'r');
  return {
    expiredHolds: providers.some((b) => b.expired) || resources.some((b) => b.expired),
    providers: providers
      .filter((b) => !b.expired)
      .map((b) => ({
        providerId: b.ref,
        start: b.s,
        end: b.e,
        appointmentStart: b.starts_at!,
        appointmentEnd: b.ends_at!,
      })),
    resources: resources
      .filter((b) => !b.expired)
      .map((b) => ({ resourceId: b.ref, start: b.s, end: b.e })),
  };
}
