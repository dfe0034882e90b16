import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import {
  fetchMessageLog,
  messageOverrideReasons,
  overrideMessage,
  type MessageLogEntry,
  type MessageOverrideAction,
  type MessageOverrideReason,
} from '../../api/messages.ts';
import { Button } from '../../components/button.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { Select } from '../../components/select.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { useMessageStatus } from './message-delivery.ts';
import { messageLogMessages } from './message-log.messages.ts';

/** What staff may do to a message in each state (the server decides; a 409 names the state). */
const actionsFor = (status: string): MessageOverrideAction[] =>
  status === 'scheduled'
    ? ['send_now', 'skip']
    : ['sent', 'failed', 'sending'].includes(status)
      ? ['resend']
      : [];

/**
 * The appointment's messages: channel, template, scheduled and sent times, status and staff's
 * changes; send now, skip or resend one with a reason (each audited by the server).
 */
export function MessageLogPanel({
  appointmentId,
  zone,
  onBack,
}: {
  appointmentId: string;
  zone: string;
  onBack: () => void;
}) {
  const t = useMessages(messageLogMessages);
  const intl = useIntl();
  const problemText = useProblemText();
  const client = useQueryClient();
  const key = ['message-log', appointmentId] as const;
  const log = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchMessageLog(appointmentId, signal).then((r) => r.messages),
  });
  const [pending, setPending] = useState<{ m: MessageLogEntry; action: MessageOverrideAction }>();
  const [reason, setReason] = useState<MessageOverrideReason>('patient_request');
  const [done, setDone] = useState<MessageOverrideAction | null>(null);
  const change = useMutation({
    mutationFn: (p: { m: MessageLogEntry; action: MessageOverrideAction }) =>
      overrideMessage(p.m.id, p.action, reason),
    onSuccess: (_, p) => {
      setPending(undefined);
      setDone(p.action);
      void client.invalidateQueries({ queryKey: key });
    },
  });
  const when = (iso: string | null) =>
    iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }) : '—';
  const kind = (m: MessageLogEntry) => t(`log.kind.${m.kind}`);
  const action = (a: string) => t(`log.action.${a as MessageOverrideAction}`);
  const statusOf = useMessageStatus();

  return (
    <section aria-labelledby="message-log-title" className="panel">
      <h3 id="message-log-title">{t('log.title')}</h3>
      {log.isPending && <Loading />}
      <InlineAlert tone="error">{log.isError && problemText(log.error)}</InlineAlert>
      <InlineAlert tone="success">{done && t(`log.done.${done}`)}</InlineAlert>
      {log.data &&
        (log.data.length === 0 ? (
          <p className="muted">{t('log.none')}</p>
        ) : (
          <TableScroll label={t('log.title')}>
            <table className="message-log">
              <caption className="visually-hidden">{t('log.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('log.kind')}</th>
                  <th scope="col">{t('log.channel')}</th>
                  <th scope="col">{t('log.due')}</th>
                  <th scope="col">{t('log.sent')}</th>
                  <th scope="col">{t('log.status')}</th>
                  <th scope="col">{t('log.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{kind(m)}</th>
                    <td>
                      {m.channel ? t(`log.channel.${m.channel as 'email'}`) : '—'}
                      {m.template && (
                        <div className="log-detail">
                          {t('log.templateNamed', {
                            key: m.template,
                            version: m.templateVersion ?? 0,
                          })}
                        </div>
                      )}
                    </td>
                    <td>{when(m.dueAt)}</td>
                    <td>{when(m.sentAt)}</td>
                    <td>
                      {statusOf(m)}
                      {m.overrides.length > 0 && (
                        <div className="log-detail">
                          {t('log.changesNamed', {
                            changes: m.overrides
                              .map((o) =>
                                t('log.change', {
                                  action: action(o.action),
                                  reason: t(`log.reason.${o.reason as MessageOverrideReason}`),
                                  at: when(o.at),
                                }),
                              )
                              .join('; '),
                          })}
                        </div>
                      )}
                    </td>
                    <td>
                      {actionsFor(m.status).map((a) => (
                        <Button
                          key={a}
                          variant="secondary"
                          aria-label={t('log.actionNamed', {
                            action: action(a),
                            kind: kind(m),
                            due: when(m.dueAt),
                          })}
                          onPress={() => {
                            change.reset();
                            setDone(null);
                            setPending({ m, action: a });
                          }}
                        >
                          {action(a)}
                        </Button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      {pending && (
        <section aria-labelledby="message-change-title" className="panel">
          <h4 id="message-change-title">
            {t('log.confirmTitle', { action: action(pending.action), kind: kind(pending.m) })}
          </h4>
          <Select
            label={t('log.reason')}
            selectedKey={reason}
            onSelectionChange={(k) => setReason(k as MessageOverrideReason)}
            options={messageOverrideReasons.map((r) => ({ value: r, label: t(`log.reason.${r}`) }))}
          />
          <InlineAlert tone="error">{change.isError && problemText(change.error)}</InlineAlert>
          <FormActions>
            <Button isPending={change.isPending} onPress={() => change.mutate(pending)}>
              {t('log.confirm')}
            </Button>
            <Button variant="quiet" onPress={() => setPending(undefined)}>
              {t('log.cancel')}
            </Button>
          </FormActions>
        </section>
      )}
      <FormActions>
        <Button variant="quiet" onPress={onBack}>
          {t('log.back')}
        </Button>
      </FormActions>
    </section>
  );
}
