import type { Queryable } from '../../platform/db/db.ts';
import { providerBlocks, resourceBlocks } from './booking.store.ts';

/** What the booking module tells availability: the time providers and resources are occupied. */
export async function occupiedTime(
  db: Queryable,
  q: {
    providerIds: string[];
    resourceIds: string[];
    from: Date;
    to: Date;
    excludeId?: string | null;
  },
) {
  const [providers, resources] = await Promise.all([
    providerBlocks(db, q.providerIds, q.from, q.to, q.excludeId ?? null),
    resourceBlocks(db, q.resourceIds, q.from, q.to, q.excludeId ?? null),
  ]);
  return {
    providers: providers.map((b) => ({
      providerId: b.provider_id,
      start: b.s.getTime(),
      end: b.e.getTime(),
      appointmentStart: b.starts_at.getTime(),
      appointmentEnd: b.ends_at.getTime(),
    })),
    resources: resources.map((b) => ({
      resourceId: b.resource_id,
      start: b.s.getTime(),
      end: b.e.getTime(),
    })),
  };
}
