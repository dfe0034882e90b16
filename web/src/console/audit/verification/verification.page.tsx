import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { startVerification } from '../../../api/audit.ts';
import { ApiError } from '../../../api/client.ts';
import type { VerificationRun } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { RadioGroup } from '../../../components/radio-group.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useWhen } from '../audit-events-table.tsx';
import { AuditPage } from '../audit-guard.tsx';
import { verificationMessages } from './verification.messages.ts';
import { verificationQuery } from './verification.queries.ts';

type Scope = 'recent' | 'all';

/** The state of audit verification, the last run's outcome, and a run on request. */
export function VerificationPage() {
  const t = useMessages(verificationMessages);
  const problemText = useProblemText();
  const when = useWhen();
  const queryClient = useQueryClient();
  const state = useQuery(verificationQuery);
  const [scope, setScope] = useState<Scope>('recent');
  const start = useMutation({
    mutationFn: startVerification,
    onSettled: () => queryClient.invalidateQueries({ queryKey: verificationQuery.queryKey }),
  });
  const busy = start.error instanceof ApiError && start.error.is('verification-running');

  const headline = (run: VerificationRun | null) => {
    if (!run) return <p className="status-line">{t('verification.never')}</p>;
    if (run.status === 'abandoned')
      return <p className="status-line status-bad">{t('verification.abandoned')}</p>;
    if (run.status === 'failed')
      return (
        <p className="status-line status-bad">
          {t('verification.failed', { error: run.error ?? '' })}
        </p>
      );
    return run.ok ? (
      <p className="status-line status-ok">{t('verification.ok')}</p>
    ) : (
      <p className="status-line status-bad">{t('verification.bad')}</p>
    );
  };

  return (
    <AuditPage title={t('verification.title')} lead={<p>{t('verification.lead')}</p>}>
      <section aria-labelledby="state-heading" className="section">
        <h2 id="state-heading">{t('verification.state')}</h2>
        {state.isPending ? (
          <Loading label={t('verification.loading')} />
        ) : state.isError ? (
          <InlineAlert tone="error">{problemText(state.error)}</InlineAlert>
        ) : (
          <div role="status">
            {state.data.running && (
              <p className="status-line">
                {t('verification.running', { when: when(state.data.running.startedAt) })}
              </p>
            )}
            {headline(state.data.last)}
          </div>
        )}
      </section>

      {state.data?.last && (
        <section aria-labelledby="last-heading" className="section">
          <h2 id="last-heading">{t('verification.last')}</h2>
          <RunFacts run={state.data.last} />
        </section>
      )}

      <section aria-labelledby="start-heading" className="section audit-narrow">
        <h2 id="start-heading">{t('verification.start')}</h2>
        <InlineAlert tone={busy ? 'info' : 'success'}>
          {busy
            ? t('verification.busy')
            : start.isSuccess && state.data?.last?.id !== start.data.id
              ? t('verification.started.notice')
              : null}
        </InlineAlert>
        <Form
          error={busy ? undefined : start.error}
          aria-labelledby="start-heading"
          onSubmit={() => start.mutate(scope)}
        >
          <RadioGroup<Scope>
            label={t('verification.scope')}
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            choices={[
              { value: 'recent', label: t('verification.scope.recent') },
              { value: 'all', label: t('verification.scope.all') },
            ]}
          />
          <FormActions>
            <Button
              type="submit"
              isPending={start.isPending}
              isDisabled={Boolean(state.data?.running)}
            >
              {t('verification.start')}
            </Button>
          </FormActions>
        </Form>
      </section>
    </AuditPage>
  );
}

/** What a finished run checked and found. */
function RunFacts({ run }: { run: VerificationRun }) {
  const t = useMessages(verificationMessages);
  const when = useWhen();
  return (
    <>
      <dl className="audit-facts">
        <dt>{t('verification.started')}</dt>
        <dd>{when(run.startedAt)}</dd>
        {run.finishedAt && (
          <>
            <dt>{t('verification.finished')}</dt>
            <dd>{when(run.finishedAt)}</dd>
          </>
        )}
        <dt>{t('verification.by')}</dt>
        <dd>
          {run.trigger === 'schedule'
            ? t('verification.by.schedule')
            : run.requestedBy
              ? t('verification.by.you', { id: run.requestedBy })
              : t('verification.by.request')}
        </dd>
        <dt>{t('verification.range')}</dt>
        <dd>
          {run.events
            ? t('verification.range.value', {
                from: run.events.fromSeq,
                to: run.events.toSeq,
                count: run.eventsChecked ?? 0,
              })
            : t('verification.range.none')}
        </dd>
        {run.checkpoints !== null && (
          <>
            <dt>{t('verification.checkpoints')}</dt>
            <dd>{run.checkpoints}</dd>
          </>
        )}
      </dl>
      {run.failures.length > 0 && (
        <>
          <h3>{t('verification.findings')}</h3>
          <ul>
            {run.failures.map((f, i) => (
              <li key={i}>
                {t('verification.finding', {
                  from: f.firstSeq,
                  to: f.lastSeq,
                  message: f.message,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      {run.notes.length > 0 && (
        <>
          <h3>{t('verification.notes')}</h3>
          <ul>
            {run.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
