import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  fetchNotificationPlan,
  saveNotificationPlan,
  type PlanChannel,
} from '../../../api/messages.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { Select } from '../../../components/select.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useSetupClinic, useTypes } from '../setup.queries.ts';
import { messagesPlanMessages } from './messages-plan.messages.ts';

const ALL = 'all';
const channels: PlanChannel[] = ['email', 'sms', 'push'];

/** The order outward channels are tried in: the clinic's, and a visit type's own (managers). */
export function SetupMessagesPage() {
  const t = useMessages(messagesPlanMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const { slug } = useSetupClinic();
  const types = useTypes(slug);
  const [typeKey, setTypeKey] = useState<string>(ALL);
  const typeId = typeKey === ALL ? null : typeKey;
  const key = ['setup', 'notification-plan', typeId] as const;
  const plan = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchNotificationPlan(typeId, signal),
  });
  // The order being edited, per scope; absent: the plan's own.
  const [drafts, setDrafts] = useState<Record<string, PlanChannel[]>>({});
  const order = drafts[typeKey] ?? plan.data?.channelOrder ?? [];
  const setOrder = (next: PlanChannel[]) => {
    save.reset();
    setDrafts((d) => ({ ...d, [typeKey]: next }));
  };
  const save = useMutation({
    mutationFn: () =>
      saveNotificationPlan({ ...plan.data!, appointmentTypeId: typeId, channelOrder: order }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['setup', 'notification-plan'] }),
  });
  const name = (c: PlanChannel) => t(`messagesPlan.channel.${c}`);
  const moveUp = (i: number) =>
    setOrder(order.map((c, j) => (j === i - 1 ? order[i]! : j === i ? order[i - 1]! : c)));

  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('messagesPlan.lead')}</p>}>{t('messagesPlan.title')}</PageHeading>
      <Select
        label={t('messagesPlan.appliesTo')}
        selectedKey={typeKey}
        onSelectionChange={(k) => setTypeKey(String(k))}
        options={[
          { value: ALL, label: t('messagesPlan.allTypes') },
          ...(types.data ?? []).map((ty) => ({ value: ty.id, label: ty.name })),
        ]}
      />
      {plan.isPending && <Loading />}
      <InlineAlert tone="error">{plan.isError && problemText(plan.error)}</InlineAlert>
      {plan.data && (
        <Form error={save.error} onSubmit={() => save.mutate()}>
          <p className="muted">{t(`messagesPlan.source.${plan.data.source}`)}</p>
          <h2 id="channel-order">{t('messagesPlan.order')}</h2>
          {order.length === 0 ? (
            <p>{t('messagesPlan.none')}</p>
          ) : (
            <ol aria-labelledby="channel-order" className="channel-order">
              {order.map((c, i) => (
                <li key={c}>
                  <span>{name(c)}</span>{' '}
                  {i > 0 && (
                    <Button
                      variant="quiet"
                      aria-label={t('messagesPlan.up', { channel: name(c) })}
                      onPress={() => moveUp(i)}
                    >
                      ↑
                    </Button>
                  )}
                  <Button
                    variant="quiet"
                    aria-label={t('messagesPlan.drop', { channel: name(c) })}
                    onPress={() => setOrder(order.filter((o) => o !== c))}
                  >
                    ✕
                  </Button>
                </li>
              ))}
            </ol>
          )}
          {order.length < channels.length && (
            <>
              <h2>{t('messagesPlan.unused')}</h2>
              <ul className="channel-unused">
                {channels
                  .filter((c) => !order.includes(c))
                  .map((c) => (
                    <li key={c}>
                      <Button variant="secondary" onPress={() => setOrder([...order, c])}>
                        {t('messagesPlan.use', { channel: name(c) })}
                      </Button>
                    </li>
                  ))}
              </ul>
            </>
          )}
          <InlineAlert tone="success">{save.isSuccess && t('messagesPlan.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {t('messagesPlan.save')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
