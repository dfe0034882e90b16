import { useIntl } from 'react-intl';
import type { ReportRange } from '../../api/reports.ts';
import type { AttendanceReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { DataTable, ReportSection } from './report-frame.tsx';
import { reportsMessages } from './reports.messages.ts';

/** No-show and cancellation rates by appointment type: two bars each, and the counts. */
export function AttendanceReport({ report, range }: { report: Report; range: ReportRange }) {
  const t = useMessages(reportsMessages);
  const intl = useIntl();
  const pct = (r: number | null) => (r === null ? '–' : intl.formatNumber(r, { style: 'percent' }));
  const chart = t('reports.attendance.chart');
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
    <ReportSection
      name="attendance"
      title={t('reports.attendance')}
      help={t('reports.attendance.help')}
      empty={report.total.booked === 0}
      range={range}
    >
      <h3>{chart}</h3>
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
      <BarChart title={chart} max={1} bars={bars} />
      <DataTable
        caption={chart}
        columns={[
          t('reports.type'),
          t('reports.bookedCount'),
          t('reports.attended'),
          t('reports.noShows'),
          t('reports.cancelled'),
          t('reports.pending'),
          t('reports.noShowRate'),
          t('reports.cancellationRate'),
        ]}
        rows={report.byType.map((x) => ({
          key: x.appointmentTypeId,
          header: x.appointmentTypeName,
          cells: [
            x.booked,
            x.attended,
            x.noShows,
            x.cancelled,
            x.pending,
            pct(x.noShowRate),
            pct(x.cancellationRate),
          ],
        }))}
      />
    </ReportSection>
  );
}
