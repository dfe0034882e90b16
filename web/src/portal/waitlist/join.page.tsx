import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { joinWaitlist } from '../../api/waitlist.ts';
import { useClinic, useSession } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { typesQuery } from '../book/book.queries.ts';
import { waitlistMessages } from './waitlist.messages.ts';
import type { JoinSearch } from './waitlist.search.ts';

type When = 'any' | 'mornings' | 'afternoons';
const windows: Record<When, { from: string; to: string }[]> = {
  any: [],
  mornings: [{ from: '00:00', to: '12:00' }],
  afternoons: [{ from: '12:00', to: '24:00' }],
};
const WEEKS = ['2', '4', '8'] as const;

/** Joining the waitlist: which visit, when the patient can come, for how long to look. */
export function JoinWaitlistPage() {
  const t = useMessages(waitlistMessages);
  const search = useSearch({ strict: false }) as JoinSearch;
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const clinic = useClinic();
  const types = useQuery({ ...typesQuery(clinic.data?.slug ?? ''), enabled: Boolean(clinic.data) });
  const [typeId, setTypeId] = useState<string | null>(search.type ?? null);
  const [when, setWhen] = useState<When>('any');
  const [weeks, setWeeks] = useState<(typeof WEEKS)[number]>('4');
  const join = useMutation({
    mutationFn: () => {
      const account = session.data?.stage === 'full' ? session.data.account : undefined;
      const today = new Date();
      const until = new Date(today.getTime() + Number(weeks) * 7 * 86_400_000);
      return joinWaitlist({
        organizationId: account?.organizationId ?? '',
        patientId: account?.patientId ?? '',
        appointmentTypeId: typeId ?? '',
        fromDate: today.toISOString().slice(0, 10),
        toDate: until.toISOString().slice(0, 10),
        windows: windows[when],
        ...(search.modality ? { modality: search.modality } : {}),
        ...(search.move ? { moveAppointmentId: search.move } : {}),
      });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['me'] });
      await navigate({ to: '/waitlist', search: { joined: true } });
    },
  });
  if (session.isPending || clinic.isPending || types.isPending)
    return <Loading label={t('mine.loading')} />;
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('join.lead')}</p>}>{t('join.title')}</PageHeading>
      <Form onSubmit={() => join.mutate()} error={join.error}>
        <Select
          label={t('join.type')}
          name="appointmentTypeId"
          isRequired
          selectedKey={typeId}
          onSelectionChange={(k) => setTypeId(k === null ? null : String(k))}
          options={(types.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
        />
        <RadioGroup
          label={t('join.when')}
          value={when}
          onChange={(v) => setWhen(v as When)}
          choices={[
            { value: 'any', label: t('join.when.any') },
            { value: 'mornings', label: t('join.when.mornings') },
            { value: 'afternoons', label: t('join.when.afternoons') },
          ]}
        />
        <RadioGroup
          label={t('join.weeks')}
          value={weeks}
          onChange={(v) => setWeeks(v as (typeof WEEKS)[number])}
          choices={WEEKS.map((w) => ({ value: w, label: t('join.weeks.option', { weeks: w }) }))}
        />
        {search.move && <p className="muted">{t('join.move')}</p>}
        <FormActions>
          <Button type="submit" isPending={join.isPending}>
            {t('join.submit')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
