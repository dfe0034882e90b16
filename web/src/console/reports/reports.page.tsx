import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useClinic } from '../../api/queries.ts';
import type { ReportRange } from '../../api/reports.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { setupMessages } from '../setup/setup.messages.ts';
import '../setup/setup.css';
import { AttendanceReport } from './attendance-report.tsx';
import { LeadTimeReport } from './lead-time-report.tsx';
import { reportsMessages } from './reports.messages.ts';
import { attendanceQuery, leadTimeQuery, utilizationQuery } from './reports.queries.ts';
import { UtilizationReport } from './utilization-report.tsx';
import { WaitlistReport } from './waitlist-report.tsx';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Four weeks back and four ahead: what was and what is booked. */
function defaultRange(): ReportRange {
  const now = Date.now();
  return {
    from: isoDay(new Date(now - 28 * 86_400_000)),
    to: isoDay(new Date(now + 27 * 86_400_000)),
  };
}

/** The managers' reports for a period and a location, as charts, tables and CSV files. */
export function ReportsPage() {
  const t = useMessages(reportsMessages);
  const s = useMessages(setupMessages);
  const clinic = useClinic();
  const [draft, setDraft] = useState<ReportRange>(defaultRange);
  const [range, setRange] = useState<ReportRange>(draft);
  const utilization = useQuery(utilizationQuery(range));
  const leadTime = useQuery(leadTimeQuery(range));
  const attendance = useQuery(attendanceQuery(range));
  const error = utilization.error ?? leadTime.error ?? attendance.error;
  // The dates travel in the query: its problems point into it (`/query/to`).
  const byField =
    error instanceof ApiError
      ? Object.fromEntries(
          Object.entries(error.fieldErrors)
            .filter(([p]) => p.startsWith('/query/'))
            .map(([p, detail]) => [p.slice('/query/'.length), detail]),
        )
      : {};
  return (
    <section className="page">
      <PageHeading lead={<p>{t('reports.lead')}</p>}>{t('reports.title')}</PageHeading>
      <section className="form-panel" aria-labelledby="range-heading">
        <h2 id="range-heading">{t('reports.range')}</h2>
        <Form
          error={error}
          {...(Object.keys(byField).length > 0 ? { fieldErrors: byField } : {})}
          onSubmit={() => setRange(draft)}
        >
          <div className="form-grid">
            <TextField
              name="from"
              type="date"
              label={t('reports.from')}
              isRequired
              value={draft.from}
              onChange={(from) => setDraft((d) => ({ ...d, from }))}
            />
            <TextField
              name="to"
              type="date"
              label={t('reports.to')}
              isRequired
              value={draft.to}
              onChange={(to) => setDraft((d) => ({ ...d, to }))}
            />
            <Select
              label={t('reports.location')}
              selectedKey={draft.locationId ?? 'all'}
              onSelectionChange={(k) =>
                setDraft((d) => ({ ...d, locationId: k === 'all' ? undefined : String(k) }))
              }
              options={[
                { value: 'all', label: s('setup.allLocations') },
                ...(clinic.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name })),
              ]}
            />
          </div>
          <FormActions>
            <Button type="submit">{t('reports.show')}</Button>
          </FormActions>
        </Form>
      </section>
      {(utilization.isPending || leadTime.isPending || attendance.isPending) && !error && (
        <Loading />
      )}
      <div className="report-grid">
        {utilization.data && <UtilizationReport report={utilization.data} range={range} />}
        {leadTime.data && <LeadTimeReport report={leadTime.data} range={range} />}
        {attendance.data && <AttendanceReport report={attendance.data} range={range} />}
        <WaitlistReport range={range} />
      </div>
    </section>
  );
}
