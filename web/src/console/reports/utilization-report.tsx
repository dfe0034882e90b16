import { useIntl } from 'react-intl';
import type { ReportRange } from '../../api/reports.ts';
import type { UtilizationReport as Report } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { BarChart } from './bar-chart.tsx';
import { DataTable, ReportSection } from './report-frame.tsx';
import { reportsMessages } from './reports.messages.ts';

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
  const byProvider = t('reports.utilization.byProvider');
  return (
    <ReportSection
      name="utilization"
      title={t('reports.utilization')}
      help={t('reports.utilization.help')}
      summary={
        <p>
          <strong>
            {t('reports.utilization.total', {
              rate: pct(report.total.utilization),
              booked: hours(report.total.bookedMinutes),
              available: hours(report.total.availableMinutes),
            })}
          </strong>
        </p>
      }
      empty={rows.length === 0}
      range={range}
    >
      <h3>{byProvider}</h3>
      <BarChart
        title={byProvider}
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
      <DataTable
        caption={byProvider}
        columns={[t('reports.who'), t('reports.available'), t('reports.booked'), t('reports.rate')]}
        rows={rows.map((r) => ({
          key: `${r.providerId}/${r.locationId}`,
          header: r.label,
          cells: [hours(r.availableMinutes), hours(r.bookedMinutes), pct(r.utilization)],
        }))}
      />
    </ReportSection>
  );
}
