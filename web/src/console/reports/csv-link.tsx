import { reportCsvHref, type ReportName, type ReportRange } from '../../api/reports.ts';
import { buttonClass } from '../../components/button.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { reportsMessages } from './reports.messages.ts';

/** The report as a CSV file: the browser downloads what the API sends as an attachment. */
export function CsvLink({
  name,
  range,
  title,
}: {
  name: ReportName;
  range: ReportRange;
  title: string;
}) {
  const t = useMessages(reportsMessages);
  return (
    <a
      className={buttonClass('secondary')}
      href={reportCsvHref(name, range)}
      download
      aria-label={t('reports.csvNamed', { report: title })}
    >
      {t('reports.csv')}
    </a>
  );
}
