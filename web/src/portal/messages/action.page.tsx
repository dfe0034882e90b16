import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { previewAction, takeActionLink, type ActionPurpose } from '../../api/messages.ts';
import { useSession } from '../../api/queries.ts';
import { useFragmentToken } from '../../auth/fragment-token.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { ActionCode } from './action-code.tsx';
import { messagesMessages } from './messages.messages.ts';
import './messages.css';

const purposes: readonly string[] = ['confirm', 'cancel', 'reschedule'];
const stash = 'hourglass.action-link';

/**
 * Kept in this tab only while the patient signs in: the sign-in page cannot carry a fragment,
 * and the token must not travel in a URL.
 */
function linkToken(purpose: string, fromFragment: string | null): string | null {
  if (fromFragment) return fromFragment;
  const kept = sessionStorage.getItem(stash);
  const [p, token] = kept?.split(':') ?? [];
  return p === purpose && token ? token : null;
}

/**
 * A message's action link (`/messages/confirm#token=…`). Shows the message and what the link
 * does, nothing else; acting needs the patient's own sign-in.
 */
export function ActionPage() {
  const t = useMessages(messagesMessages);
  const problemText = useProblemText();
  const { purpose } = useParams({ strict: false }) as { purpose: string };
  const fragment = useFragmentToken();
  const [token] = useState(() => linkToken(purpose, fragment));
  // Entered the code mailed to them: a session that reaches this appointment only.
  const [verified, setVerified] = useState(false);
  const session = useSession();
  const client = useQueryClient();
  const known = purposes.includes(purpose) ? (purpose as ActionPurpose) : null;
  const title = t(known ? `action.title.${known}` : 'action.title.none');
  const preview = useQuery({
    queryKey: ['action-link', token],
    queryFn: () => previewAction(token!),
    enabled: Boolean(token && known),
    retry: false,
    gcTime: 0,
  });
  const act = useMutation({
    mutationFn: () => takeActionLink(token!),
    onSuccess: async () => {
      sessionStorage.removeItem(stash);
      await client.invalidateQueries({ queryKey: ['me'] });
    },
  });

  if (!token || !known) {
    return (
      <section className="page page-narrow">
        <PageHeading>{title}</PageHeading>
        <InlineAlert tone="error">{t('action.noLink')}</InlineAlert>
      </section>
    );
  }
  if (preview.isPending || session.isPending) return <Loading label={t('action.loading')} />;
  if (preview.isError) {
    return (
      <section className="page page-narrow">
        <PageHeading>{title}</PageHeading>
        <InlineAlert tone="error">{problemText(preview.error)}</InlineAlert>
      </section>
    );
  }
  const patient =
    verified || (session.data?.stage === 'full' && session.data.account.kind === 'patient');
  return (
    <section className="page page-narrow">
      <PageHeading>{title}</PageHeading>
      <h2>{t('action.message')}</h2>
      {preview.data.subject && <p className="inbox-subject">{preview.data.subject}</p>}
      {preview.data.body && <p className="inbox-body">{preview.data.body}</p>}
      {act.isSuccess ? (
        <>
          <InlineAlert tone="success">{t(`action.done.${known}`)}</InlineAlert>
          <LinkButton to="/appointments">{t('action.appointments')}</LinkButton>
        </>
      ) : patient ? (
        <>
          <InlineAlert tone="error">{act.error ? problemText(act.error) : null}</InlineAlert>
          <Button onPress={() => act.mutate()} isPending={act.isPending}>
            {t(`action.do.${known}`)}
          </Button>
        </>
      ) : (
        <>
          <p>{t('action.signInLead')}</p>
          <LinkButton
            to="/sign-in"
            search={{ redirect: `/messages/${known}` }}
            onPress={() => sessionStorage.setItem(stash, `${known}:${token}`)}
          >
            {t('action.signIn')}
          </LinkButton>
          <p>{t('action.orCode')}</p>
          <ActionCode token={token} onVerified={() => setVerified(true)} />
        </>
      )}
    </section>
  );
}
