import { useIntl } from 'react-intl';
import type { ReportRange } from '../../api/reports.ts';
import type { AttendanceReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { CsvLink } from './csv-link.tsx';
import { reportsMessages } from './reports.messages.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

/** No-show and cancellation rates by appointment type: two bars each, and the counts. */
export function AttendanceReport({ report, range }: { report: Report; range: ReportRange }) {
  const t = useMessages(reportsMessages);
  const intl = useIntl();
  const pct = (r: number | null) => (r === null ? '–' : intl.formatNumber(r, { style: 'percent' }));
  const title = t('reports.attendance');
  const bars = report.byType.flatMap((x) => [
    {
      label: t('reports.noShowOf', { type: x.appointmentTypeName }),
      value: x.noShowRate ?? 0,
      text: pct(x.noShowRate),
    },
    {
      label: t('reports.cancelledOf', { type: x.appointmentTypeName }),
      value: x.cancellationRate ?? 0,
      text: pct(x.cancellationRate),
      alt: true,
    },
  ]);
  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{title}</h2>
      <p className="rule-help">{t('reports.attendance.help')}</p>
      {report.total.booked === 0 ? (
        <p>{t('reports.noData')}</p>
      ) : (
        <>
          <h3>{t('reports.attendance.chart')}</h3>
          <ul className="legend">
            <li>
              <span className="legend-swatch chart-bar" aria-hidden="true" />
              {t('reports.noShowRate')}
            </li>
            <li>
              <span className="legend-swatch chart-bar-alt" aria-hidden="true" />
              {t('reports.cancellationRate')}
            </li>
          </ul>
          <BarChart title={t('reports.attendance.chart')} max={1} bars={bars} />
          <details className="data-table">
            <summary>{t('reports.asTable')}</summary>
            <TableScroll label={t('reports.attendance.chart')}>
              <table className="records">
                <caption>{t('reports.attendance.chart')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.type')}</th>
                    <th scope="col" className="number">
                      {t('reports.bookedCount')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.attended')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.noShows')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.cancelled')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.pending')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.noShowRate')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.cancellationRate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.byType.map((x) => (
                    <tr key={x.appointmentTypeId}>
                      <th scope="row">{x.appointmentTypeName}</th>
                      <td className="number">{x.booked}</td>
                      <td className="number">{x.attended}</td>
                      <td className="number">{x.noShows}</td>
                      <td className="number">{x.cancelled}</td>
                      <td className="number">{x.pending}</td>
                      <td className="number">{pct(x.noShowRate)}</td>
                      <td className="number">{pct(x.cancellationRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </>
      )}
      <p>
        <CsvLink name="attendance" range={range} title={title} />
      </p>
    </section>
  );
}
