import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { markMessageRead, type InboxMessage } from '../../api/messages.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { inboxKey, inboxQuery } from './inbox.queries.ts';
import { messagesMessages } from './messages.messages.ts';
import './messages.css';

/** The signed-in patient's inbox: every message the clinic sent them, newest first. */
export function MessagesPage() {
  const t = useMessages(messagesMessages);
  const problemText = useProblemText();
  const client = useQueryClient();
  const inbox = useQuery(inboxQuery(client));
  const read = useMutation({
    mutationFn: markMessageRead,
    onSettled: () => client.invalidateQueries({ queryKey: inboxKey }),
  });
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('inbox.lead')}</p>}>{t('inbox.title')}</PageHeading>
      {inbox.isPending ? (
        <Loading label={t('inbox.loading')} />
      ) : inbox.isError ? (
        <InlineAlert tone="error">{problemText(inbox.error)}</InlineAlert>
      ) : inbox.data.answer.messages.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox">
          {inbox.data.answer.messages.map((m) => (
            <MessageItem
              key={m.id}
              message={m}
              onRead={() => read.mutate(m.id)}
              pending={read.isPending && read.variables === m.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function MessageItem(props: { message: InboxMessage; onRead: () => void; pending: boolean }) {
  const t = useMessages(messagesMessages);
  const intl = useIntl();
  const m = props.message;
  const sent = intl.formatDate(m.sentAt, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <li className="inbox-item">
      <article aria-labelledby={`message-${m.id}`}>
        <h2 id={`message-${m.id}`} className="inbox-subject">
          {!m.readAt && <span className="inbox-new">{t('inbox.unread')} </span>}
          {m.subject ?? t('action.title.none')}
        </h2>
        <p className="inbox-date">{t('inbox.sent', { date: sent })}</p>
        {m.body === null ? <p>{t('inbox.cleared')}</p> : <p className="inbox-body">{m.body}</p>}
        {!m.readAt && (
          <Button variant="secondary" onPress={props.onRead} isPending={props.pending}>
            {t('inbox.markRead')}
          </Button>
        )}
      </article>
    </li>
  );
}
