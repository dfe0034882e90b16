import type { ReportRange } from '../../api/reports.ts';
import type { LeadTimeReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { DataTable, ReportSection } from './report-frame.tsx';
import { reportsMessages } from './reports.messages.ts';

/** How far ahead visits were booked: the median and 90th percentile, and a histogram by days. */
export function LeadTimeReport({ report, range }: { report: Report; range: ReportRange }) {
  const t = useMessages(reportsMessages);
  const ahead = (minutes: number | null) => {
    if (minutes === null) return '';
    return minutes < 48 * 60
      ? t('reports.hoursAhead', { hours: Math.round(minutes / 60) })
      : t('reports.days', { days: Math.round(minutes / 1440) });
  };
  const bucket = (b: Report['total']['buckets'][number]) =>
    b.toDays === null
      ? t('reports.bucketOpen', { from: b.fromDays })
      : t('reports.bucket', { from: b.fromDays, to: b.toDays });
  const { total } = report;
  const chart = t('reports.leadTime.chart');
  return (
    <ReportSection
      name="lead-time"
      title={t('reports.leadTime')}
      help={t('reports.leadTime.help')}
      empty={total.visits === 0}
      range={range}
    >
      <p>
        <strong>
          {t('reports.leadTime.summary', {
            visits: total.visits,
            median: ahead(total.medianMinutes),
            p90: ahead(total.p90Minutes),
          })}
        </strong>
      </p>
      <h3>{chart}</h3>
      <BarChart
        title={chart}
        max={Math.max(1, ...total.buckets.map((b) => b.visits))}
        bars={total.buckets.map((b) => ({
          label: bucket(b),
          value: b.visits,
          text: String(b.visits),
        }))}
      />
      <DataTable
        caption={chart}
        columns={[t('reports.leadTime'), t('reports.visits')]}
        rows={total.buckets.map((b) => ({
          key: String(b.fromDays),
          header: bucket(b),
          cells: [b.visits],
        }))}
      />
    </ReportSection>
  );
}
