import { describe, expect, it } from 'vitest';
import type { ScheduleEntry } from '../../api/types.ts';
import { buildGrid, instantOf, localOf, weekOf } from './grid-model.ts';

const zone = 'America/New_York';
let n = 0;
function entry(start: string, minutes: number, extra: Partial<ScheduleEntry> = {}): ScheduleEntry {
  const s = Date.parse(start);
  const iso = (t: number) => new Date(t).toISOString();
  return {
    id: `e${++n}`,
    appointmentTypeId: 't',
    providerId: 'p1',
    locationId: 'l',
    resourceIds: [],
    modality: 'in_person',
    status: 'booked',
    start: iso(s),
    end: iso(s + minutes * 60_000),
    bufferedStart: iso(s),
    bufferedEnd: iso(s + minutes * 60_000),
    holdExpiresAt: null,
    overbooked: false,
    version: 1,
    seriesId: null,
    patient: { id: 'pa', displayName: 'Demo Patient' },
    ...extra,
  };
}

describe('the schedule grid model', () => {
  const columns = [
    { key: 'p1', providerId: 'p1', date: '2026-12-09' },
    { key: 'p2', providerId: 'p2', date: '2026-12-09' },
  ];
  // 09:00 in Boston on 9 December 2026 is 14:00 UTC.
  const nine = '2026-12-09T14:00:00Z';

  it('places a visit in its provider’s column at its local start, spanning its rows', () => {
    const model = buildGrid([entry(nine, 20)], columns, zone);
    const row = model.rows.indexOf(9 * 60);
    expect(model.cells[row]![0]).toMatchObject({ kind: 'start', rows: 2 });
    expect(model.cells[row + 1]![0]!.kind).toBe('visit');
    expect(model.cells[row + 2]![0]!.kind).toBe('free');
    expect(model.cells[row]![1]!.kind).toBe('free');
  });

  it('shows buffers before and after a visit as buffer cells', () => {
    const e = entry(nine, 30, {
      bufferedStart: '2026-12-09T13:50:00Z',
      bufferedEnd: '2026-12-09T14:40:00Z',
    });
    const model = buildGrid([e], columns, zone);
    const row = model.rows.indexOf(9 * 60);
    expect(model.cells[row - 1]![0]!.kind).toBe('buffer');
    expect(model.cells[row]![0]!.kind).toBe('start');
    expect(model.cells[row + 3]![0]!.kind).toBe('buffer');
    expect(model.cells[row + 4]![0]!.kind).toBe('free');
  });

  it('keeps an overbooking beside the visit it shares the time with', () => {
    const model = buildGrid(
      [entry(nine, 20, { overbooked: true }), entry(nine, 20)],
      columns,
      zone,
    );
    const cell = model.cells[model.rows.indexOf(9 * 60)]![0]!;
    expect(cell.kind).toBe('start');
    if (cell.kind !== 'start') return;
    expect(cell.entry.overbooked).toBe(false);
    expect(cell.others.map((o) => o.overbooked)).toEqual([true]);
  });

  it('puts a visit in the column of each room it takes, whoever the provider', () => {
    const rooms = [
      { key: 'r1', providerId: '', resourceId: 'r1', date: '2026-12-09' },
      { key: 'r2', providerId: '', resourceId: 'r2', date: '2026-12-09' },
    ];
    const model = buildGrid(
      [
        entry(nine, 30, { providerId: 'p2', resourceIds: ['r2'] }),
        entry(nine, 30, { resourceIds: [] }),
      ],
      rooms,
      zone,
    );
    const row = model.rows.indexOf(9 * 60);
    expect(model.cells[row]![0]!.kind).toBe('free');
    expect(model.cells[row]![1]).toMatchObject({ kind: 'start', rows: 3 });
    expect(model.cells[row]![1]!.kind === 'start' && model.cells[row]![1]!.others).toEqual([]);
  });

  it('grows the day to hold a visit before 7:00 or after 18:00', () => {
    const model = buildGrid([entry('2026-12-09T11:30:00Z', 30)], columns, zone);
    expect(model.rows[0]).toBe(6 * 60 + 30);
    expect(model.rows.at(-1)).toBe(17 * 60 + 50);
  });

  it('converts between instants and local times across a DST change', () => {
    // 8 March 2026: New York moves from UTC−5 to UTC−4.
    expect(instantOf('2026-03-07', 9 * 60, zone)).toBe('2026-03-07T14:00:00.000Z');
    expect(instantOf('2026-03-09', 9 * 60, zone)).toBe('2026-03-09T13:00:00.000Z');
    expect(localOf('2026-03-09T13:00:00Z', zone)).toEqual({ date: '2026-03-09', minute: 540 });
  });

  it('gives the week from Monday', () => {
    expect(weekOf('2026-12-09')).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
  });
});
