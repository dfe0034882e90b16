import { useQuery } from '@tanstack/react-query';
import { verifyEmail } from '../../api/identity.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Link, LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { authMessages } from '../auth.messages.ts';
import { useFragmentToken } from '../fragment-token.ts';
import { verifyEmailMessages } from './verify-email.messages.ts';

/**
 * The emailed confirmation link (`/verify-email#token=…`): confirmed as the page opens (once —
 * the query is not retried, and the token is no part of its key), then on to sign-in.
 */
export function VerifyEmailPage() {
  const t = useMessages(verifyEmailMessages);
  const a = useMessages(authMessages);
  const problemText = useProblemText();
  const token = useFragmentToken();
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
      <LinkButton to="/sign-in">{a('auth.signIn')}</LinkButton>
    </section>
  );
}
