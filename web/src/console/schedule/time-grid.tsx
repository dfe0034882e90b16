import { memo, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Cell, GridModel } from './grid-model.ts';

interface Props {
  model: GridModel;
  label: string;
  columnLabel: (columnIndex: number) => string;
  timeLabel: (minute: number) => string;
  /** What a visit's first cell shows (and says to assistive technology). */
  cellContent: (cell: Cell, row: number, column: number) => ReactNode;
  /** The words of every other cell (free, buffer, the rest of a visit), as its label. */
  cellLabel: (cell: Cell) => string;
  onActivate: (cell: Cell, row: number, column: number) => void;
  /** Marks the grid as drawn (performance marks for the 50-provider measurement). */
  onRendered?: () => void;
  /** The row shown at the top at first (now, or the first visit), and the one Tab lands on. */
  startRow?: number;
}

const PAGE_ROWS = 6;

/**
 * The schedule as an ARIA grid (a table with `role="grid"`): one cell takes part in the Tab
 * order (roving tabindex); the arrow keys move between cells, Home/End to the row's ends,
 * Ctrl+Home/End to the grid's corners, Page Up/Down by an hour; Enter or Space opens the cell.
 * Keys and clicks are handled once on the table, so a 50-provider day costs no handler per cell.
 */
export function TimeGrid({
  model,
  label,
  columnLabel,
  timeLabel,
  cellContent,
  cellLabel,
  onActivate,
  onRendered,
  startRow = 0,
}: Props) {
  const [active, setActive] = useState({ r: startRow, c: 0 });
  const table = useRef<HTMLTableElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = model.rows.length;
  const cols = model.columns.length;
  const r = Math.min(active.r, rows - 1);
  const c = Math.min(active.c, cols - 1);

  useEffect(() => {
    onRendered?.();
  }, [model, onRendered]);

  // Opens at the start row (the grid scrolls inside its box; the page stays where it is).
  useEffect(() => {
    const row = table.current?.querySelector<HTMLElement>(`[data-r="${startRow}"]`);
    const box = scroller.current;
    const head = table.current?.tHead;
    if (row && box) {
      const offset = row.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop += offset - (head?.offsetHeight ?? 0);
    }
    // Only when the grid first shows.
  }, []);

  const focusCell = (nr: number, nc: number) => {
    const next = { r: Math.max(0, Math.min(rows - 1, nr)), c: Math.max(0, Math.min(cols - 1, nc)) };
    setActive(next);
    table.current?.querySelector<HTMLElement>(`[data-r="${next.r}"][data-c="${next.c}"]`)?.focus();
  };

  const cellAt = (el: EventTarget | null) => {
    const td = (el as HTMLElement | null)?.closest<HTMLElement>('[data-r]');
    return td ? { r: Number(td.dataset.r), c: Number(td.dataset.c) } : null;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const at = cellAt(e.target);
    if (!at) return;
    const moves: Record<string, [number, number] | undefined> = {
      ArrowUp: [at.r - 1, at.c],
      ArrowDown: [at.r + 1, at.c],
      ArrowLeft: [at.r, at.c - 1],
      ArrowRight: [at.r, at.c + 1],
      Home: e.ctrlKey ? [0, 0] : [at.r, 0],
      End: e.ctrlKey ? [rows - 1, cols - 1] : [at.r, cols - 1],
      PageUp: [at.r - PAGE_ROWS, at.c],
      PageDown: [at.r + PAGE_ROWS, at.c],
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      focusCell(move[0], move[1]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(model.cells[at.r]![at.c]!, at.r, at.c);
    }
  };

  return (
    <div className="time-grid-scroll" ref={scroller}>
      <table
        ref={table}
        role="grid"
        aria-label={label}
        aria-rowcount={rows + 1}
        aria-colcount={cols + 1}
        className="time-grid"
        onKeyDown={onKeyDown}
        onClick={(e) => {
          const at = cellAt(e.target);
          if (!at) return;
          setActive(at);
          onActivate(model.cells[at.r]![at.c]!, at.r, at.c);
        }}
      >
        <thead>
          <tr role="row" aria-rowindex={1}>
            <td role="gridcell" className="time-grid-corner" />
            {model.columns.map((col, i) => (
              <th key={col.key} role="columnheader" scope="col" aria-colindex={i + 2}>
                {columnLabel(i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((minute, ri) => (
            <GridRow
              key={minute}
              row={ri}
              time={timeLabel(minute)}
              onHour={minute % 60 === 0}
              cells={model.cells[ri]!}
              activeColumn={ri === r ? c : -1}
              cellContent={cellContent}
              cellLabel={cellLabel}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const GridRow = memo(function GridRow({
  row,
  time,
  onHour,
  cells,
  activeColumn,
  cellContent,
  cellLabel,
}: {
  row: number;
  time: string;
  onHour: boolean;
  cells: Cell[];
  activeColumn: number;
  cellContent: Props['cellContent'];
  cellLabel: Props['cellLabel'];
}) {
  return (
    <tr role="row" aria-rowindex={row + 2} className={onHour ? 'on-hour' : undefined}>
      <th role="rowheader" scope="row" aria-colindex={1} className="time-grid-time">
        {time}
      </th>
      {cells.map((cell, ci) => (
        <td
          key={ci}
          role="gridcell"
          aria-colindex={ci + 2}
          data-r={row}
          data-c={ci}
          tabIndex={ci === activeColumn ? 0 : -1}
          aria-label={cell.kind === 'start' ? undefined : cellLabel(cell)}
          className={`cell cell-${cell.kind}${cell.kind !== 'free' ? ` status-${cell.entry.status}` : ''}`}
        >
          {cell.kind === 'start' ? cellContent(cell, row, ci) : null}
        </td>
      ))}
    </tr>
  );
});
