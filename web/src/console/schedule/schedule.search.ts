import { useEffect } from 'react';
import type { ScheduleEntry } from '../../api/types.ts';

/**
 * The schedule's place in the address: a location, a local date, the view, a provider, a
 * visit type and whether the day's columns are rooms — opaque ids and a date of the clinic's calendar, never anything about a patient.
 */
export interface ScheduleSearch {
  location?: string | undefined;
  date?: string | undefined;
  view?: 'day' | 'week' | undefined;
  provider?: string | undefined;
  type?: string | undefined;
  /** The day's columns: each provider (the default) or each room. */
  columns?: 'rooms' | undefined;
  /** A visit to open once the day is loaded (a link from elsewhere in the console), and its panel. */
  appointment?: string | undefined;
  panel?: 'messages' | undefined;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: unknown) => (typeof v === 'string' && uuid.test(v) ? v : undefined);

export function scheduleSearch(search: Record<string, unknown>): ScheduleSearch {
  const date =
    typeof search.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(search.date)
      ? search.date
      : undefined;
  const view = search.view === 'week' || search.view === 'day' ? search.view : undefined;
  const out: ScheduleSearch = {};
  if (id(search.location)) out.location = id(search.location);
  if (date) out.date = date;
  if (view) out.view = view;
  if (id(search.provider)) out.provider = id(search.provider);
  if (id(search.type)) out.type = id(search.type);
  if (search.columns === 'rooms') out.columns = 'rooms';
  if (id(search.appointment)) out.appointment = id(search.appointment);
  if (search.panel === 'messages') out.panel = 'messages';
  return out;
}

/**
 * A link to one visit (the console home's messages that reached no patient) opens it once the
 * day's entries are in, then leaves the address as the plain day (closing does not reopen it).
 */
export function useVisitFromLink(
  entries: ScheduleEntry[] | undefined,
  search: ScheduleSearch,
  set: (patch: Partial<ScheduleSearch>) => void,
  open: (entry: ScheduleEntry, panel: ScheduleSearch['panel']) => void,
) {
  useEffect(() => {
    if (!search.appointment || !entries) return;
    const entry = entries.find((e) => e.id === search.appointment);
    if (entry) open(entry, search.panel);
    set({ appointment: undefined, panel: undefined });
  }, [entries, search.appointment]);
}
