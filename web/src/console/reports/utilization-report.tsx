import { useIntl } from 'react-intl';
import type { ReportRange } from '../../api/reports.ts';
import type { UtilizationReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { CsvLink } from './csv-link.tsx';
import { reportsMessages } from './reports.messages.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

/** Booked over working time, by provider at each location and by location, as bars and a table. */
export function UtilizationReport({ report, range }: { report: Report; range: ReportRange }) {
  const t = useMessages(reportsMessages);
  const intl = useIntl();
  const pct = (r: number | null) =>
    r === null ? t('reports.noRate') : intl.formatNumber(r, { style: 'percent' });
  const hours = (m: number) => intl.formatNumber(m / 60, { maximumFractionDigits: 1 });
  const rows = report.providers.map((p) => ({
    label: t('reports.providerAt', { provider: p.providerName, location: p.locationName }),
    ...p,
  }));
  const max = Math.max(1, ...rows.map((r) => r.utilization ?? 0));
  const title = t('reports.utilization');
  return (
    <section className="section" aria-labelledby="utilization-heading">
      <h2 id="utilization-heading">{title}</h2>
      <p className="rule-help">{t('reports.utilization.help')}</p>
      <p>
        <strong>
          {t('reports.utilization.total', {
            rate: pct(report.total.utilization),
            booked: hours(report.total.bookedMinutes),
            available: hours(report.total.availableMinutes),
          })}
        </strong>
      </p>
      {rows.length === 0 ? (
        <p>{t('reports.noData')}</p>
      ) : (
        <>
          <h3>{t('reports.utilization.byProvider')}</h3>
          <BarChart
            title={t('reports.utilization.byProvider')}
            max={max}
            bars={rows.map((r) => ({
              label: r.providerName,
              sublabel: r.locationName,
              value: r.utilization ?? 0,
              text: pct(r.utilization),
            }))}
          />
          <h3>{t('reports.utilization.byLocation')}</h3>
          <BarChart
            title={t('reports.utilization.byLocation')}
            max={Math.max(1, ...report.locations.map((l) => l.utilization ?? 0))}
            bars={report.locations.map((l) => ({
              label: l.locationName,
              value: l.utilization ?? 0,
              text: pct(l.utilization),
            }))}
          />
          <details className="data-table">
            <summary>{t('reports.asTable')}</summary>
            <TableScroll label={t('reports.utilization.byProvider')}>
              <table className="records">
                <caption>{t('reports.utilization.byProvider')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.who')}</th>
                    <th scope="col" className="number">
                      {t('reports.available')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.booked')}
                    </th>
                    <th scope="col" className="number">
                      {t('reports.rate')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${r.providerId}/${r.locationId}`}>
                      <th scope="row">{r.label}</th>
                      <td className="number">{hours(r.availableMinutes)}</td>
                      <td className="number">{hours(r.bookedMinutes)}</td>
                      <td className="number">{pct(r.utilization)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </>
      )}
      <p>
        <CsvLink name="utilization" range={range} title={title} />
      </p>
    </section>
  );
}
