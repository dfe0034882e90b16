import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { fetchOutbox } from '../../api/dev.ts';
import { hasDevMailbox } from '../../app/dev-mailbox.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { MailText } from './mail-text.tsx';
import { mailboxMessages } from './mailbox.messages.ts';

/**
 * Development only: the mail the demo would have sent, so someone trying Hourglass reads their
 * sign-in code or confirmation link here instead of in a terminal. Held in memory only.
 */
export function MailboxPage() {
  const t = useMessages(mailboxMessages);
  const intl = useIntl();
  const available = hasDevMailbox();
  const outbox = useQuery({
    queryKey: ['dev', 'outbox'],
    queryFn: ({ signal }) => fetchOutbox(signal),
    enabled: available,
    gcTime: 0,
  });

  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('mailbox.lead')}</p>}>{t('mailbox.title')}</PageHeading>
      {!available ? (
        <InlineAlert tone="info">{t('mailbox.unavailable')}</InlineAlert>
      ) : outbox.isPending ? (
        <Loading />
      ) : (
        <>
          <div className="mailbox-bar">
            <p role="status">{t('mailbox.count', { count: outbox.data?.length ?? 0 })}</p>
            <Button variant="secondary" onPress={() => void outbox.refetch()}>
              {t('mailbox.refresh')}
            </Button>
          </div>
          {outbox.data?.length === 0 && <p>{t('mailbox.empty')}</p>}
          <ol className="mailbox">
            {outbox.data?.map((m) => (
              <li key={`${m.at}-${m.to}-${m.subject}`} className="mail card">
                <h2>{m.subject}</h2>
                <p className="mail-meta">
                  <span>{t('mailbox.to', { address: m.to })}</span>
                  <span>
                    {t('mailbox.sent', {
                      time: intl.formatDate(m.at, { dateStyle: 'medium', timeStyle: 'short' }),
                    })}
                  </span>
                </p>
                <MailText text={m.text} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
