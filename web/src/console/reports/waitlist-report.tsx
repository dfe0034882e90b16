import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { ReportRange } from '../../api/reports.ts';
import { fetchWaitlistReport, type WaitlistReport as Report } from '../../api/waitlist.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { waitlistReportMessages } from './waitlist-report.messages.ts';

type Counts = Report['total'];

/** The waitlist's offer ledger for the range: per type and in total (no patients). */
export function WaitlistReport({ range }: { range: ReportRange }) {
  const t = useMessages(waitlistReportMessages);
  const intl = useIntl();
  const report = useQuery({
    queryKey: ['reports', 'waitlist', range.from, range.to, range.locationId ?? ''],
    queryFn: ({ signal }) => fetchWaitlistReport(range, signal),
  });
  const pct = (r: number | null) => (r === null ? '–' : intl.formatNumber(r, { style: 'percent' }));
  const days = (d: number | null) =>
    d === null ? '–' : intl.formatNumber(d, { maximumFractionDigits: 1 });
  const cells = (c: Counts) => [
    c.sent,
    c.opened,
    c.accepted,
    c.declined,
    c.expired,
    c.taken,
    pct(c.fillRate),
    days(c.daysSooner),
  ];
  const columns = [
    'sent',
    'opened',
    'accepted',
    'declined',
    'expired',
    'taken',
    'fillRate',
    'daysSooner',
  ] as const;
  if (!report.data) return null;
  return (
    <section className="section" aria-labelledby="waitlist-report-heading">
      <h2 id="waitlist-report-heading">{t('wl.title')}</h2>
      <p className="rule-help">{t('wl.help')}</p>
      {report.data.total.sent === 0 ? (
        <p>{t('wl.none')}</p>
      ) : (
        <TableScroll label={t('wl.caption')}>
          <table className="records">
            <caption>{t('wl.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wl.type')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {t(`wl.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.data.byType.map((x) => (
                <tr key={x.appointmentTypeId}>
                  <th scope="row">{x.appointmentTypeName}</th>
                  {cells(x).map((v, i) => (
                    <td key={columns[i]}>{v}</td>
                  ))}
                </tr>
              ))}
              <tr>
                <th scope="row">{t('wl.total')}</th>
                {cells(report.data.total).map((v, i) => (
                  <td key={columns[i]}>{v}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
