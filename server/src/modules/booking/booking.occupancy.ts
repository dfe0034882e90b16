import type { Block, Interval } from '../availability/availability.types.ts';

export { occupiedTimeSql } from './booking.store.ts';

/**
 * What the booking module tells availability: the time providers and resources are occupied,
 * and whether any hold past its expiry lies in the way (the booking transaction then clears it).
 * The SQL is `occupiedTimeSql`, read in the same statement as the rules; this reads its value.
 */
export interface OccupiedTime {
  expiredHolds: boolean;
  byProvider: Map<string, Block[]>;
  byResource: Map<string, Interval[]>;
}

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
