import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchSessionPolicy, saveSessionPolicy, type SessionPolicy } from '../../../api/admin.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Link } from '../../../components/link.tsx';
import { Loading } from '../../../components/loading.tsx';
import { NumberField } from '../../../components/number-field.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { useMessages } from '../../../i18n/use-messages.ts';
import { sessionPolicyMessages } from './session-policy.messages.ts';

/** The organization's automatic sign-out (admins; saving asks for a fresh step-up). */
export function SessionPolicyPage() {
  const t = useMessages(sessionPolicyMessages);
  const problemText = useProblemText();
  const policy = useQuery({
    queryKey: ['admin', 'session-policy'],
    queryFn: ({ signal }) => fetchSessionPolicy(signal),
  });
  const [draft, setDraft] = useState<SessionPolicy | null>(null);
  useEffect(() => {
    if (policy.data && !draft) setDraft(policy.data);
  }, [policy.data, draft]);
  const save = useMutation({ mutationFn: saveSessionPolicy });
  const set = (k: keyof SessionPolicy) => (v: number) =>
    setDraft((d) => (d ? { ...d, [k]: v } : d));
  const minutes = t('sessionPolicy.minutes');
  const hours = t('sessionPolicy.hours');
  return (
    <section className="page page-narrow">
      <p>
        <Link to="/console/users">{t('sessionPolicy.back')}</Link>
      </p>
      <PageHeading lead={<p>{t('sessionPolicy.lead')}</p>}>{t('sessionPolicy.title')}</PageHeading>
      {policy.isPending && <Loading />}
      <InlineAlert tone="error">{policy.isError && problemText(policy.error)}</InlineAlert>
      {draft && (
        <Form error={save.error} onSubmit={() => save.mutate(draft)}>
          <fieldset className="fieldset">
            <legend>{t('sessionPolicy.staff')}</legend>
            <NumberField
              name="workforceIdleMinutes"
              label={t('sessionPolicy.workforceIdle')}
              unit={minutes}
              description={t('sessionPolicy.workforceIdle.help')}
              isRequired
              minValue={2}
              maxValue={15}
              value={draft.workforceIdleMinutes}
              onChange={set('workforceIdleMinutes')}
            />
            <NumberField
              name="workforceAbsoluteHours"
              label={t('sessionPolicy.workforceAbsolute')}
              unit={hours}
              description={t('sessionPolicy.workforceAbsolute.help')}
              isRequired
              minValue={1}
              maxValue={12}
              value={draft.workforceAbsoluteHours}
              onChange={set('workforceAbsoluteHours')}
            />
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('sessionPolicy.patients')}</legend>
            <NumberField
              name="patientIdleMinutes"
              label={t('sessionPolicy.patientIdle')}
              unit={minutes}
              description={t('sessionPolicy.patientIdle.help')}
              isRequired
              minValue={2}
              maxValue={30}
              value={draft.patientIdleMinutes}
              onChange={set('patientIdleMinutes')}
            />
            <NumberField
              name="patientAbsoluteHours"
              label={t('sessionPolicy.patientAbsolute')}
              unit={hours}
              description={t('sessionPolicy.patientAbsolute.help')}
              isRequired
              minValue={1}
              maxValue={24}
              value={draft.patientAbsoluteHours}
              onChange={set('patientAbsoluteHours')}
            />
          </fieldset>
          <InlineAlert tone="success">{save.isSuccess && t('sessionPolicy.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {t('sessionPolicy.save')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
