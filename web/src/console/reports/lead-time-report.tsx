import type { ReportRange } from '../../api/reports.ts';
import type { LeadTimeReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { CsvLink } from './csv-link.tsx';
import { reportsMessages } from './reports.messages.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

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
  const title = t('reports.leadTime');
  return (
    <section className="section" aria-labelledby="lead-heading">
      <h2 id="lead-heading">{title}</h2>
      <p className="rule-help">{t('reports.leadTime.help')}</p>
      {total.visits === 0 ? (
        <p>{t('reports.noData')}</p>
      ) : (
        <>
          <p>
            <strong>
              {t('reports.leadTime.summary', {
                visits: total.visits,
                median: ahead(total.medianMinutes),
                p90: ahead(total.p90Minutes),
              })}
            </strong>
          </p>
          <h3>{t('reports.leadTime.chart')}</h3>
          <BarChart
            title={t('reports.leadTime.chart')}
            max={Math.max(1, ...total.buckets.map((b) => b.visits))}
            bars={total.buckets.map((b) => ({
              label: bucket(b),
              value: b.visits,
              text: String(b.visits),
            }))}
          />
          <details className="data-table">
            <summary>{t('reports.asTable')}</summary>
            <TableScroll label={t('reports.leadTime.chart')}>
              <table className="records">
                <caption>{t('reports.leadTime.chart')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.leadTime')}</th>
                    <th scope="col" className="number">
                      {t('reports.visits')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {total.buckets.map((b) => (
                    <tr key={b.fromDays}>
                      <th scope="row">{bucket(b)}</th>
                      <td className="number">{b.visits}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </>
      )}
      <p>
        <CsvLink name="lead-time" range={range} title={title} />
      </p>
    </section>
  );
}
