import type { ReactNode } from 'react';
import type { ReportName, ReportRange } from '../../api/reports.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { CsvLink } from './csv-link.tsx';
import { reportsMessages } from './reports.messages.ts';

/**
 * One report: its heading and what it measures, its `summary` when it has one, then `children`
 * (or "no data" when `empty`), then the CSV download of the same numbers.
 */
export function ReportSection({
  name,
  title,
  help,
  summary,
  empty,
  range,
  children,
}: {
  name: ReportName;
  title: string;
  help: string;
  summary?: ReactNode;
  empty: boolean;
  range: ReportRange;
  children: ReactNode;
}) {
  const t = useMessages(reportsMessages);
  const headingId = `${name}-heading`;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p className="rule-help">{help}</p>
      {summary}
      {empty ? <p>{t('reports.noData')}</p> : children}
      <p>
        <CsvLink name={name} range={range} title={title} />
      </p>
    </section>
  );
}

/** A row of a chart's table: its header cell, then the numbers. */
export interface DataRow {
  key: string;
  header: string;
  cells: ReactNode[];
}

/**
 * A chart's numbers as a table, one click away (a disclosure): the first column names the row,
 * the others are numbers, right-aligned.
 */
export function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: DataRow[];
}) {
  const t = useMessages(reportsMessages);
  const [first, ...numbers] = columns;
  return (
    <details className="data-table">
      <summary>{t('reports.asTable')}</summary>
      <TableScroll label={caption}>
        <table className="records">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{first}</th>
              {numbers.map((c) => (
                <th key={c} scope="col" className="number">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.header}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="number">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}
