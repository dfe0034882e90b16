import type { Queryable } from '../../platform/db/db.ts';
import { occupiedTime } from '../booking/booking.occupancy.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';
import { loadScheduleRules } from '../directory/directory.rules-loader.ts';
import type { EngineInput, Modality } from './availability.types.ts';

const MINUTE = 60_000;

/**
 * Builds the engine's input for one query from exactly the rows it needs: the type's scope
 * narrowed to the asked providers and locations, rules touching the window, and blocks overlapping
 * the window widened by the type's buffers.
 */
export async function loadEngineInput(
  db: Queryable,
  q: {
    organizationId: string;
    type: AppointmentType;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    modality?: Modality | undefined;
    window: { start: number; end: number };
    now: number;
    /** An appointment being rescheduled does not block its own new time. */
    excludeAppointmentId?: string | null;
  },
): Promise<EngineInput> {
  const { type } = q;
  const from = new Date(
    q.window.start - (type.bufferBeforeMinutes + type.bufferAfterMinutes) * MINUTE,
  );
  const to = new Date(
    q.window.end +
      (type.durationMinutes + type.bufferBeforeMinutes + type.bufferAfterMinutes) * MINUTE,
  );
  const rules = await loadScheduleRules(db, {
    organizationId: q.organizationId,
    appointmentTypeId: type.id,
    providerIds: q.providerIds,
    locationIds: q.locationIds,
    from,
    to,
    resourceKinds: type.requiredResourceKinds,
  });
  const occupied = await occupiedTime(db, {
    providerIds: [...new Set(rules.candidates.map((c) => c.providerId))],
    resourceIds: rules.resources.map((r) => r.id),
    from,
    to,
    excludeId: q.excludeAppointmentId ?? null,
  });
  const byProvider = groupBy(occupied.providers, (b) => b.providerId);
  const byResource = groupBy(occupied.resources, (b) => b.resourceId);
  return {
    type,
    candidates: rules.candidates.map((c) => ({ ...c, blocks: byProvider.get(c.providerId) ?? [] })),
    resources: rules.resources.map((r) => ({ ...r, blocks: byResource.get(r.id) ?? [] })),
    holidays: rules.holidays,
    now: q.now,
    window: q.window,
    modality: q.modality,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
