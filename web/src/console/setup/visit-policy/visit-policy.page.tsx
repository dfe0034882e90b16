import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';
import { fetchVisitPolicy, saveVisitPolicy } from '../../../api/setup.ts';
import type { VisitPolicy } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { LoadState } from '../../../components/load-state.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
import { visitPolicyMessages } from './visit-policy.messages.ts';

const key = ['setup', 'visit-policy'] as const;

/** The organization's check-in and video windows (managers and admins). */
export function SetupVisitPolicyPage() {
  const t = useMessages(visitPolicyMessages);
  const s = useMessages(setupMessages);
  const intl = useIntl();
  const problemText = useProblemText();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchVisitPolicy(signal) });
  const [draft, setDraft] = useState<VisitPolicy | null>(null);
  useEffect(() => {
    if (policy.data && !draft) {
      const p = policy.data;
      setDraft({
        checkInOpensMinutesBefore: p.checkInOpensMinutesBefore,
        checkInClosesMinutesAfter: p.checkInClosesMinutesAfter,
        videoJoinOpensMinutesBefore: p.videoJoinOpensMinutesBefore,
      });
    }
  }, [policy.data, draft]);
  const save = useMutation({
    mutationFn: saveVisitPolicy,
    onSuccess: (view) => client.setQueryData(key, view),
  });
  const set = (k: keyof VisitPolicy) => (v: number) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const minutes = t('visitPolicy.minutes');
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('visitPolicy.lead')}</p>}>{t('visitPolicy.title')}</PageHeading>
      <LoadState queries={[policy]} />
      <InlineAlert tone="error">{policy.isError && problemText(policy.error)}</InlineAlert>
      {policy.data && (
        <p className="muted">
          {policy.data.updatedAt
            ? t('visitPolicy.changed', {
                when: intl.formatDate(policy.data.updatedAt, {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })
            : t('visitPolicy.defaults')}
        </p>
      )}
      {draft && (
        <Form error={save.error} onSubmit={() => save.mutate(draft)}>
          <NumberField
            name="checkInOpensMinutesBefore"
            label={t('visitPolicy.opens')}
            unit={minutes}
            description={t('visitPolicy.opens.help')}
            isRequired
            minValue={0}
            maxValue={240}
            value={draft.checkInOpensMinutesBefore}
            onChange={set('checkInOpensMinutesBefore')}
          />
          <NumberField
            name="checkInClosesMinutesAfter"
            label={t('visitPolicy.closes')}
            unit={minutes}
            description={t('visitPolicy.closes.help')}
            isRequired
            minValue={0}
            maxValue={240}
            value={draft.checkInClosesMinutesAfter}
            onChange={set('checkInClosesMinutesAfter')}
          />
          <NumberField
            name="videoJoinOpensMinutesBefore"
            label={t('visitPolicy.video')}
            unit={minutes}
            description={t('visitPolicy.video.help')}
            isRequired
            minValue={0}
            maxValue={60}
            value={draft.videoJoinOpensMinutesBefore}
            onChange={set('videoJoinOpensMinutesBefore')}
          />
          <InlineAlert tone="success">{save.isSuccess && s('setup.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {s('setup.saveChanges')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
