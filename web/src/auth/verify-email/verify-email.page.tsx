import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { verifyEmail } from '../../api/identity.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link, LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { carryToken, useCarriedInvitation, useFragmentToken } from '../fragment-token.ts';
import { verifyEmailMessages } from './verify-email.messages.ts';

/**
 * The emailed confirmation link (`/verify-email#token=…`): confirmed as the page opens (once —
 * the query is not retried, and the token is no part of its key), then on to sign-in — and, when
 * the link carries a caregiver invitation, from sign-in back to accepting it (`/caregiver`).
 */
export function VerifyEmailPage() {
  const t = useMessages(verifyEmailMessages);
  const a = useMessages(authMessages);
  const problemText = useProblemText();
  const token = useFragmentToken();
  const invitation = useCarriedInvitation();
  const result = useQuery({
    queryKey: ['verify-email'],
    queryFn: async () => {
      await verifyEmail(token!);
      return true;
    },
    enabled: token !== null,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  // Verified with a caregiver invitation in the link: sign-in leads back to accepting it.
  const verified = result.isSuccess;
  useEffect(() => {
    if (verified && invitation) carryToken('/caregiver', invitation);
  }, [verified, invitation]);

  if (!token || result.isError) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('verify.failed.title')}</PageHeading>
        <InlineAlert tone="error">
          {token ? problemText(result.error) : a('auth.linkMissing')}
        </InlineAlert>
        <p>
          <Link to="/register">{t('verify.again')}</Link>
        </p>
      </section>
    );
  }
  if (result.isPending) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('verify.title')}</PageHeading>
        <Loading label={t('verify.checking')} />
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <PageHeading focusOnMount lead={<p>{t('verify.done.text')}</p>}>
        {t('verify.done.title')}
      </PageHeading>
      {invitation ? (
        <LinkButton to="/sign-in" search={{ redirect: '/caregiver' }}>
          {a('auth.signIn')}
        </LinkButton>
      ) : (
        <LinkButton to="/sign-in">{a('auth.signIn')}</LinkButton>
      )}
    </section>
  );
}
