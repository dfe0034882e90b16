import type { Modality } from '../../api/types.ts';
import { parsePath, pathText } from './guide.ts';
import type { TimeOption } from './slots.ts';

/**
 * Where the patient is in the booking flow. What may travel in the address (to come back after
 * signing in) is ids, a guide path, a modality and an instant: never anything about the person.
 */

export type Step = 'who' | 'need' | 'where' | 'when' | 'identify' | 'intake' | 'review' | 'done';

export interface Flow {
  step: Step;
  /** A dependant the visit is for; undefined: the signed-in patient (or guest) themselves. */
  patientId?: string | undefined;
  path: number[];
  typeId?: string | undefined;
  modality?: Modality | undefined;
  /** undefined: any location / the first available provider. */
  locationId?: string | undefined;
  providerId?: string | undefined;
  slot?: TimeOption | undefined;
  hold?: { id: string; expiresAt: string } | undefined;
  /** The time a hold was kept for until it ran out (the expiry panel offers times near it). */
  lost?: TimeOption | undefined;
  /** Why it was lost: the hold ran out, or someone else took the time first. */
  lostWhy?: 'expired' | 'taken' | undefined;
  /** How many minutes the clinic keeps a hold (read from the last hold). */
  holdMinutes?: number | undefined;
  intakeDone?: boolean;
  appointmentId?: string | undefined;
  /** False until the patient first moves: the first step does not take focus on page load. */
  moved: boolean;
}

export interface BookSearch {
  type?: string;
  modality?: Modality;
  path?: string;
  location?: string;
  provider?: string;
  start?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: unknown) => (typeof v === 'string' && uuid.test(v) ? v : undefined);

/** The /book route's search, checked: anything else in it is dropped. */
export function bookSearch(search: Record<string, unknown>): BookSearch {
  const out: BookSearch = {};
  const type = id(search.type);
  if (type) out.type = type;
  if (search.modality === 'in_person' || search.modality === 'telehealth')
    out.modality = search.modality;
  const path = parsePath(search.path);
  if (path.length) out.path = pathText(path);
  const location = id(search.location);
  if (location) out.location = location;
  const provider = id(search.provider);
  if (provider) out.provider = provider;
  if (typeof search.start === 'string' && !Number.isNaN(Date.parse(search.start)))
    out.start = new Date(search.start).toISOString();
  return out;
}

/** The flow as the address brings it back (after sign-in): a chosen time goes straight on. */
export function flowFrom(search: BookSearch): Flow {
  const base: Flow = {
    step: 'need',
    path: parsePath(search.path),
    typeId: search.type,
    modality: search.modality,
    locationId: search.location,
    providerId: search.provider,
    moved: false,
  };
  if (!search.type || !search.modality) return base;
  if (search.start && search.provider && search.location) {
    return {
      ...base,
      step: 'identify',
      slot: {
        start: search.start,
        providerId: search.provider,
        locationId: search.location,
        modalities: [search.modality],
      },
    };
  }
  return { ...base, step: 'where' };
}

/** The address that brings this place back (a time chosen, nothing personal). */
export function searchOf(flow: Flow): BookSearch {
  const s: BookSearch = {};
  if (flow.typeId) s.type = flow.typeId;
  if (flow.modality) s.modality = flow.modality;
  if (flow.path.length) s.path = pathText(flow.path);
  const location = flow.slot?.locationId ?? flow.locationId;
  const provider = flow.slot?.providerId ?? flow.providerId;
  if (location) s.location = location;
  if (provider) s.provider = provider;
  if (flow.slot) s.start = flow.slot.start;
  return s;
}

export const hrefOf = (flow: Flow) => {
  const q = new URLSearchParams(searchOf(flow) as Record<string, string>).toString();
  return q ? `/book?${q}` : '/book';
};
