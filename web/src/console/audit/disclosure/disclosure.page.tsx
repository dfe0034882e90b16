import { getLocalTimeZone, today, type CalendarDate } from '@internationalized/date';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { auditExportUrl } from '../../../api/audit.ts';
import { Button, buttonClass } from '../../../components/button.tsx';
import { DateField } from '../../../components/date-field.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { endOf, startOf } from '../audit-dates.ts';
import { useWho, useWhen } from '../audit-events-table.tsx';
import { AuditPage } from '../audit-guard.tsx';
import { auditMessages } from '../audit.messages.ts';
import { disclosureMessages } from './disclosure.messages.ts';
import { disclosureQuery } from './disclosure.queries.ts';

const route = getRouteApi('/console/audit/disclosures/$patientId');

/**
 * The accounting of disclosures for one record (`/console/audit/disclosures/:patientId`, an
 * opaque id): every access in a period (six years back by default, as HIPAA's accounting
 * reaches), who, what and when, with a CSV of the record's events.
 */
export function DisclosurePage() {
  const t = useMessages(disclosureMessages);
  const a = useMessages(auditMessages);
  const problemText = useProblemText();
  const who = useWho();
  const when = useWhen();
  const { patientId } = route.useParams();
  const [from, setFrom] = useState<CalendarDate | null>(() =>
    today(getLocalTimeZone()).subtract({ years: 6 }),
  );
  const [to, setTo] = useState<CalendarDate | null>(() => today(getLocalTimeZone()));
  const [period, setPeriod] = useState(() => ({ from: startOf(from!), to: endOf(to!) }));
  const report = useQuery(disclosureQuery(patientId, period));

  return (
    <AuditPage
      title={t('disclosure.title')}
      lead={<p>{t('disclosure.lead', { id: patientId })}</p>}
    >
      <section aria-labelledby="period-heading" className="section">
        <h2 id="period-heading">{t('disclosure.period')}</h2>
        <Form
          aria-labelledby="period-heading"
          onSubmit={() => setPeriod({ from: startOf(from!), to: endOf(to!) })}
        >
          <div className="audit-filters">
            <DateField label={t('disclosure.from')} isRequired value={from} onChange={setFrom} />
            <DateField
              label={t('disclosure.to')}
              isRequired
              value={to}
              onChange={setTo}
              validate={(v) =>
                v && from && v.compare(from) < 0 ? t('disclosure.toBeforeFrom') : null
              }
            />
          </div>
          <FormActions>
            <Button type="submit" variant="secondary">
              {t('disclosure.show')}
            </Button>
          </FormActions>
        </Form>
      </section>

      <section aria-labelledby="entries-heading" className="section">
        <h2 id="entries-heading">{t('disclosure.entries')}</h2>
        {report.isPending ? (
          <Loading label={t('disclosure.loading')} />
        ) : report.isError ? (
          <InlineAlert tone="error">{problemText(report.error)}</InlineAlert>
        ) : (
          <>
            <p role="status">{t('disclosure.count', { count: report.data.entries.length })}</p>
            {report.data.truncated && <p className="muted">{t('disclosure.truncated')}</p>}
            <div className="audit-actions">
              <a
                className={buttonClass('secondary')}
                href={auditExportUrl({ patientId, ...period })}
                download
              >
                {t('disclosure.export')}
              </a>
              <Link to="/console/audit/events" search={{ patientId }}>
                {t('disclosure.inSearch')}
              </Link>
            </div>
            {report.data.entries.length > 0 && (
              <div
                className="table-scroll"
                role="region"
                aria-label={t('disclosure.scroll')}
                tabIndex={0}
              >
                <table className="data-table">
                  <caption className="visually-hidden">{t('disclosure.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{a('audit.col.when')}</th>
                      <th scope="col">{a('audit.col.who')}</th>
                      <th scope="col">{a('audit.col.action')}</th>
                      <th scope="col">{t('disclosure.what')}</th>
                      <th scope="col">{t('disclosure.event')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.data.entries.map((e) => (
                      <tr key={e.eventId}>
                        <td>{when(e.when)}</td>
                        <td>{who(e.who)}</td>
                        <td>
                          <code>{e.action}</code>
                        </td>
                        <td>
                          <code>{e.what}</code>
                        </td>
                        <td className="id">{e.eventId}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
        <p>
          <Link to="/console/audit/disclosures">{t('disclosure.another')}</Link>
        </p>
      </section>
    </AuditPage>
  );
}
