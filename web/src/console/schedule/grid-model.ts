import {
  CalendarDate,
  CalendarDateTime,
  parseAbsolute,
  parseDate,
  toZoned,
} from '@internationalized/date';
import type { ScheduleEntry } from '../../api/types.ts';

/**
 * The time grid as data, from the schedule's entries, in the location's zone: columns (a
 * provider on one day, a room on one day, or one provider on each day of a week), rows (local times every `step`
 * minutes), and for each cell what is there — the start of a visit, the rest of it, its buffer,
 * or nothing. Pure, so the page stays a view and a test can read the grid.
 */

export const STEP_MINUTES = 10;
const DAY_START = 7 * 60;
const DAY_END = 18 * 60;

export interface Column {
  key: string;
  /** The provider whose time the column shows ('' for a room's column). */
  providerId: string;
  /** A room's (or equipment's) column: the visits that take it. */
  resourceId?: string | undefined;
  /** Local date, YYYY-MM-DD. */
  date: string;
}

const columnKey = (c: Column) =>
  c.resourceId ? `resource:${c.resourceId}|${c.date}` : `${c.providerId}|${c.date}`;

export type Cell =
  | { kind: 'free' }
  | { kind: 'start'; entry: ScheduleEntry; rows: number; others: ScheduleEntry[] }
  | { kind: 'visit'; entry: ScheduleEntry }
  | { kind: 'buffer'; entry: ScheduleEntry };

export interface GridModel {
  zone: string;
  /** Minutes from local midnight of each row. */
  rows: number[];
  columns: Column[];
  /** cells[row][column] */
  cells: Cell[][];
}

/** Local date and minute of the day of an instant, in `zone`. */
export function localOf(iso: string, zone: string): { date: string; minute: number } {
  const z = parseAbsolute(iso, zone);
  return {
    date: new CalendarDate(z.year, z.month, z.day).toString(),
    minute: z.hour * 60 + z.minute,
  };
}

/** The instant (ISO 8601, UTC) of a local date and minute of the day in `zone`. */
export function instantOf(date: string, minute: number, zone: string): string {
  const d = parseDate(date);
  const local = new CalendarDateTime(d.year, d.month, d.day, Math.floor(minute / 60), minute % 60);
  return toZoned(local, zone).toAbsoluteString();
}

/** The seven local dates of the week (Monday first) holding `date`. */
export function weekOf(date: string): string[] {
  const d = parseDate(date);
  const weekday = (d.toDate('UTC').getUTCDay() + 6) % 7;
  const monday = d.subtract({ days: weekday });
  return Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString());
}

export const addDays = (date: string, days: number) => parseDate(date).add({ days }).toString();

const floorStep = (m: number) => Math.floor(m / STEP_MINUTES) * STEP_MINUTES;
const ceilStep = (m: number) => Math.ceil(m / STEP_MINUTES) * STEP_MINUTES;

export function buildGrid(entries: ScheduleEntry[], columns: Column[], zone: string): GridModel {
  const byColumn = new Map(columns.map((c, i) => [columnKey(c), i]));
  /** The columns an entry shows in: its provider's, and each room's it takes. */
  const columnsOf = (entry: ScheduleEntry, date: string) =>
    [
      byColumn.get(`${entry.providerId}|${date}`),
      ...entry.resourceIds.map((r) => byColumn.get(`resource:${r}|${date}`)),
    ].filter((i) => i !== undefined);
  // Each entry's column and local minutes, once.
  const placed: {
    entry: ScheduleEntry;
    col: number;
    start: number;
    end: number;
    bs: number;
    be: number;
  }[] = [];
  let first = DAY_START;
  let last = DAY_END;
  for (const entry of entries) {
    const s = localOf(entry.start, zone);
    const cols = columnsOf(entry, s.date);
    if (cols.length === 0) continue;
    const e = localOf(entry.end, zone);
    const bs = localOf(entry.bufferedStart, zone);
    const be = localOf(entry.bufferedEnd, zone);
    const end = e.date === s.date ? e.minute : 24 * 60;
    const bufStart = bs.date === s.date ? bs.minute : 0;
    const bufEnd = be.date === s.date ? be.minute : 24 * 60;
    for (const col of cols)
      placed.push({ entry, col, start: s.minute, end, bs: bufStart, be: bufEnd });
    first = Math.min(first, floorStep(bufStart));
    last = Math.max(last, ceilStep(bufEnd));
  }
  const rows: number[] = [];
  for (let m = first; m < last; m += STEP_MINUTES) rows.push(m);
  const cells: Cell[][] = rows.map(() => columns.map(() => ({ kind: 'free' }) as Cell));
  const rowOf = (m: number) => Math.floor((m - first) / STEP_MINUTES);
  // Normal lane first, then overbookings: a cell shows the first visit that starts in it.
  placed.sort(
    (a, b) => Number(a.entry.overbooked) - Number(b.entry.overbooked) || a.start - b.start,
  );
  for (const p of placed) {
    for (let r = rowOf(p.bs); r < rowOf(ceilStep(p.be)); r++) {
      const row = cells[r];
      if (!row || row[p.col]!.kind !== 'free') continue;
      row[p.col] =
        r < rowOf(p.start) || r >= rowOf(ceilStep(p.end))
          ? { kind: 'buffer', entry: p.entry }
          : { kind: 'visit', entry: p.entry };
    }
    const r0 = rowOf(p.start);
    const here = cells[r0]?.[p.col];
    if (!here) continue;
    if (here.kind === 'start' && here.entry.id !== p.entry.id) here.others.push(p.entry);
    else {
      cells[r0]![p.col] = {
        kind: 'start',
        entry: p.entry,
        rows: Math.max(1, rowOf(ceilStep(p.end)) - r0),
        others: [],
      };
    }
  }
  return { zone, rows, columns, cells };
}
