import type { Queryable } from '../../platform/db/db.ts';
import { NotFound } from '../../platform/http/errors.ts';
import type { AppointmentType } from '../directory/directory.rules-service.ts';
import { loadScheduleRules } from '../directory/directory.rules-loader.ts';
import type { EngineInput, Modality, Occupancy } from './availability.types.ts';

const MINUTE = 60_000;
// Without the type in hand, widen reads by the largest buffers and duration a type may have.
const MAX_REACH = { before: 2 * 240, after: 720 + 2 * 240 };

export interface LoadedInput {
  input: EngineInput;
  type: AppointmentType;
  /** A hold past its expiry overlaps the window: a booking transaction should clear it. */
  expiredHolds: boolean;
}

/**
 * Builds the engine's input for one query from exactly the rows it needs, in one statement (one
 * round trip): the type, its scope narrowed to the asked providers and locations, rules touching
 * the window, and the time the scope's providers (and resources at its locations) are occupied
 * in the window widened by the type's buffers. `detailed` keeps each appointment's bounds (explain
 * names what is in the way); otherwise occupied time comes as arrays per provider and resource.
 */
export async function loadEngineInput(
  db: Queryable,
  occupancy: Occupancy,
  q: {
    organizationId: string;
    appointmentTypeId: string;
    type?: AppointmentType | undefined;
    providerIds?: string[] | undefined;
    locationIds?: string[] | undefined;
    modality?: Modality | undefined;
    window: { start: number; end: number };
    now: number;
    /** An appointment being rescheduled does not block its own new time. */
    excludeAppointmentId?: string | null;
    detailed?: boolean;
  },
): Promise<LoadedInput> {
  const reach = q.type
    ? {
        before: q.type.bufferBeforeMinutes + q.type.bufferAfterMinutes,
        after: q.type.durationMinutes + q.type.bufferBeforeMinutes + q.type.bufferAfterMinutes,
      }
    : MAX_REACH;
  const detailed = q.detailed ?? false;
  const rules = await loadScheduleRules(
    db,
    {
      organizationId: q.organizationId,
      appointmentTypeId: q.appointmentTypeId,
      providerIds: q.providerIds,
      locationIds: q.locationIds,
      from: new Date(q.window.start - reach.before * MINUTE),
      to: new Date(q.window.end + reach.after * MINUTE),
      resourceKinds: q.type ? q.type.requiredResourceKinds : null,
    },
    {
      key: detailed ? 'occupied' : 'occupied-grouped',
      // `now` is the app's clock: a hold is expired when that clock says so, not the database's.
      sql: (scope, params) =>
        occupancy.sql(
          scope,
          { excludeId: q.excludeAppointmentId ?? null, now: new Date(q.now) },
          params,
          detailed,
        ),
    },
  );
  const type = q.type ?? rules.type;
  if (!type) throw new NotFound('No such appointment type.');
  const occupied = occupancy.read(rules.also, detailed);
  const kinds = new Set(type.requiredResourceKinds);
  return {
    type,
    expiredHolds: occupied.expiredHolds,
    input: {
      type,
      candidates: rules.candidates.map((c) => ({
        ...c,
        blocks: occupied.byProvider.get(c.providerId) ?? [],
      })),
      resources: rules.resources
        .filter((r) => kinds.has(r.kind))
        .map((r) => ({ ...r, blocks: occupied.byResource.get(r.id) ?? [] })),
      holidays: rules.holidays,
      now: q.now,
      window: q.window,
      modality: q.modality,
    },
  };
}
