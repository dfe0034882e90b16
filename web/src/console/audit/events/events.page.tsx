import { type CalendarDate } from '@internationalized/date';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { auditExportUrl } from '../../../api/audit.ts';
import type { AuditFilter } from '../../../api/types.ts';
import { Button, buttonClass } from '../../../components/button.tsx';
import { DateField } from '../../../components/date-field.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { endOf, startOf, uuidPattern } from '../audit-dates.ts';
import { AuditEventsTable } from '../audit-events-table.tsx';
import { AuditPage } from '../audit-guard.tsx';
import { auditMessages } from '../audit.messages.ts';
import { auditEventsMessages } from './events.messages.ts';
import { auditEventsQuery } from './events.queries.ts';

const route = getRouteApi('/console/audit/events');
type Outcome = 'any' | 'success' | 'denied' | 'failed';

/**
 * Audit search and export: filters (opaque ids, action codes, outcome, days), the events newest
 * first with older pages on request, and the same filters as a CSV download.
 */
export function AuditEventsPage() {
  const t = useMessages(auditEventsMessages);
  const a = useMessages(auditMessages);
  const problemText = useProblemText();
  const initial = route.useSearch();
  const [patientId, setPatientId] = useState(initial.patientId ?? '');
  const [actorId, setActorId] = useState(initial.actorId ?? '');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('any');
  const [from, setFrom] = useState<CalendarDate | null>(null);
  const [to, setTo] = useState<CalendarDate | null>(null);
  const [filter, setFilter] = useState<AuditFilter>(() => ({
    ...(initial.patientId ? { patientId: initial.patientId } : {}),
    ...(initial.actorId ? { actorId: initial.actorId } : {}),
  }));
  const events = useInfiniteQuery(auditEventsQuery(filter));
  const shown = events.data?.pages.flatMap((p) => p.events) ?? [];

  const idCheck = (v: string) =>
    v.trim() && !uuidPattern.test(v.trim()) ? t('auditEvents.notId') : null;
  const search = () =>
    setFilter({
      ...(patientId.trim() ? { patientId: patientId.trim() } : {}),
      ...(actorId.trim() ? { actorId: actorId.trim() } : {}),
      ...(action.trim() ? { action: action.trim() } : {}),
      ...(outcome !== 'any' ? { outcome } : {}),
      ...(from ? { from: startOf(from) } : {}),
      ...(to ? { to: endOf(to) } : {}),
    });

  return (
    <AuditPage title={t('auditEvents.title')} lead={<p>{t('auditEvents.lead')}</p>}>
      <section aria-labelledby="filters-heading" className="section">
        <h2 id="filters-heading">{t('auditEvents.filters')}</h2>
        <Form onSubmit={search} aria-labelledby="filters-heading">
          <div className="audit-filters">
            <TextField
              label={t('auditEvents.patientId')}
              description={t('auditEvents.patientId.help')}
              name="patientId"
              value={patientId}
              onChange={setPatientId}
              validate={idCheck}
            />
            <TextField
              label={t('auditEvents.actorId')}
              name="actorId"
              value={actorId}
              onChange={setActorId}
            />
            <TextField
              label={t('auditEvents.action')}
              description={t('auditEvents.action.help')}
              name="action"
              value={action}
              onChange={setAction}
            />
            <Select<Outcome>
              label={t('auditEvents.outcome')}
              selectedKey={outcome}
              onSelectionChange={(k) => setOutcome((k ?? 'any') as Outcome)}
              options={[
                { value: 'any', label: t('auditEvents.outcome.any') },
                { value: 'success', label: a('audit.outcome.success') },
                { value: 'denied', label: a('audit.outcome.denied') },
                { value: 'failed', label: a('audit.outcome.failed') },
              ]}
            />
            <DateField label={t('auditEvents.from')} value={from} onChange={setFrom} />
            <DateField
              label={t('auditEvents.to')}
              value={to}
              onChange={setTo}
              validate={(v) =>
                v && from && v.compare(from) < 0 ? t('auditEvents.toBeforeFrom') : null
              }
            />
          </div>
          <FormActions>
            <Button type="submit">{t('auditEvents.search')}</Button>
          </FormActions>
        </Form>
      </section>

      <section aria-labelledby="results-heading" className="section">
        <h2 id="results-heading">{t('auditEvents.results')}</h2>
        {events.isPending ? (
          <Loading label={t('auditEvents.loading')} />
        ) : events.isError ? (
          <InlineAlert tone="error">{problemText(events.error)}</InlineAlert>
        ) : (
          <>
            <p role="status">{t('auditEvents.count', { count: shown.length })}</p>
            <div className="audit-actions">
              <a className={buttonClass('secondary')} href={auditExportUrl(filter)} download>
                {t('auditEvents.export')}
              </a>
              <span className="muted">{t('auditEvents.export.help')}</span>
            </div>
            {shown.length > 0 && (
              <AuditEventsTable events={shown} caption={a('audit.events.caption')} />
            )}
            {events.hasNextPage && (
              <div className="audit-actions">
                <Button
                  variant="secondary"
                  isPending={events.isFetchingNextPage}
                  onPress={() => void events.fetchNextPage()}
                >
                  {t('auditEvents.more')}
                </Button>
              </div>
            )}
          </>
        )}
      </section>
    </AuditPage>
  );
}
