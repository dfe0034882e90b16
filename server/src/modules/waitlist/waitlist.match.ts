/**
 * Whether a freed slot suits a waitlist entry (pure): the place, the modality, the local date
 * range and the local time-of-day windows of the slot's location, and — for an entry that moves
 * a booked appointment — a start earlier than that appointment's.
 */

export interface SlotFacts {
  locationId: string;
  modality: 'in_person' | 'telehealth';
  start: Date;
  /** The location's IANA zone: dates and windows are local to it. */
  zone: string;
}

export interface EntryFacts {
  location_ids: string[];
  modality: 'in_person' | 'telehealth' | null;
  from_date: string;
  to_date: string;
  /** Pairs of minutes of the local day, [from, to). */
  windows: number[];
}

/** The local date (YYYY-MM-DD) and minute of the day of an instant in a zone. */
export function localParts(at: Date, zone: string): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

export function fits(entry: EntryFacts, slot: SlotFacts, moveStart?: Date | null): boolean {
  if (entry.location_ids.length > 0 && !entry.location_ids.includes(slot.locationId)) return false;
  if (entry.modality !== null && entry.modality !== slot.modality) return false;
  if (moveStart && slot.start.getTime() >= moveStart.getTime()) return false;
  const { date, minute } = localParts(slot.start, slot.zone);
  if (date < entry.from_date || date > entry.to_date) return false;
  if (entry.windows.length === 0) return true;
  for (let i = 0; i + 1 < entry.windows.length; i += 2) {
    if (minute >= entry.windows[i]! && minute < entry.windows[i + 1]!) return true;
  }
  return false;
}

/** "HH:MM" → minutes of the day, and back. */
export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
export const toHhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
