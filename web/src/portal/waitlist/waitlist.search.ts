import type { Modality } from '../../api/types.ts';

/** The join page's search: the visit type, modality and a booked visit to move: opaque ids only. */
export interface JoinSearch {
  type?: string;
  modality?: Modality;
  move?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: unknown) => (typeof v === 'string' && uuid.test(v) ? v : undefined);

export function joinSearch(search: Record<string, unknown>): JoinSearch {
  const type = id(search.type);
  const move = id(search.move);
  return {
    ...(type ? { type } : {}),
    ...(search.modality === 'in_person' || search.modality === 'telehealth'
      ? { modality: search.modality }
      : {}),
    ...(move ? { move } : {}),
  };
}

/** My waitlist's search: a notice after joining. */
export function mineSearch(search: Record<string, unknown>): { joined?: boolean } {
  return search.joined === true || search.joined === 'true' ? { joined: true } : {};
}
