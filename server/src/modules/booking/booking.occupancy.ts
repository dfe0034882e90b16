import type {
  Block,
  Interval,
  Occupancy,
  OccupiedTime,
} from '../availability/availability.types.ts';
import { occupiedTimeSql } from './booking.occupied-store.ts';

/**
 * What the booking module tells availability (availability.types.ts `Occupancy`): the SQL is
 * `occupiedTimeSql`, read in the same statement as the rules; `toOccupiedTime` reads its value.
 */
export const occupancy: Occupancy = {
  sql: (refs, values, params, detailed) =>
    occupiedTimeSql(
      {
        ...refs,
        excludeId: params.add(values.excludeId, 'uuid'),
        now: params.add(values.now, 'timestamptz'),
      },
      detailed,
    ),
  read: (value, detailed) => toOccupiedTime(value, detailed),
};

type Grouped = { p: [string, number[], number[], boolean | null][]; r: Grouped['p'] };
type Detailed = {
  p: [string, number, number, number, number, boolean][];
  r: [string, number, number, boolean][];
};

/**
 * The json value of `occupiedTimeSql`. Without detail, a block's appointment bounds are its
 * occupied time (buffers included): enough to list slots; explain needs the detailed form.
 */
export function toOccupiedTime(value: unknown, detailed: boolean): OccupiedTime {
  const byProvider = new Map<string, Block[]>();
  const byResource = new Map<string, Interval[]>();
  let expiredHolds = false;
  if (!detailed) {
    const v = value as Grouped;
    for (const [id, starts, ends, expired] of v.p) {
      expiredHolds ||= expired === true;
      byProvider.set(
        id,
        starts.map((start, i) => ({
          start,
          end: ends[i]!,
          appointmentStart: start,
          appointmentEnd: ends[i]!,
        })),
      );
    }
    for (const [id, starts, ends, expired] of v.r) {
      expiredHolds ||= expired === true;
      byResource.set(
        id,
        starts.map((start, i) => ({ start, end: ends[i]! })),
      );
    }
    return { expiredHolds, byProvider, byResource };
  }
  const v = value as Detailed;
  for (const [id, start, end, appointmentStart, appointmentEnd, expired] of v.p) {
    if (expired) expiredHolds = true;
    else push(byProvider, id, { start, end, appointmentStart, appointmentEnd });
  }
  for (const [id, start, end, expired] of v.r) {
    if (expired) expiredHolds = true;
    else push(byResource, id, { start, end });
  }
  return { expiredHolds, byProvider, byResource };
}

function push<T>(map: Map<string, T[]>, key: string, item: T) {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
