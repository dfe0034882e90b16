import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { openOffer } from '../../api/waitlist.ts';
import { useSession } from '../../api/queries.ts';
import { useFragmentToken } from '../../auth/fragment-token.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { OfferCard } from './offer-card.tsx';
import { waitlistMessages } from './waitlist.messages.ts';

const stash = 'hourglass.waitlist-offer';

/**
 * The page a waitlist message's link opens (`/waitlist/offer#token=…`). The offer shows only to
 * the patient it was made to, signed in; the token waits in this tab's sessionStorage across the
 * sign-in (never in a URL) and is dropped once the offer is shown.
 */
export function OfferPage() {
  const t = useMessages(waitlistMessages);
  const problemText = useProblemText();
  const fragment = useFragmentToken();
  const [token] = useState(() => fragment ?? sessionStorage.getItem(stash));
  const session = useSession();
  const patient = session.data?.stage === 'full' && session.data.account.kind === 'patient';
  const offer = useQuery({
    queryKey: ['me', 'waitlist-offer', token],
    queryFn: async () => {
      const o = await openOffer(token!);
      sessionStorage.removeItem(stash);
      return o;
    },
    enabled: Boolean(token && patient),
    retry: false,
    gcTime: 0,
  });
  if (!token) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('offer.title')}</PageHeading>
        <InlineAlert tone="error">{t('offer.noLink')}</InlineAlert>
      </section>
    );
  }
  if (session.isPending) return <Loading label={t('offer.loading')} />;
  if (!patient) {
    return (
      <section className="page page-narrow">
        <PageHeading>{t('offer.title')}</PageHeading>
        <p>{t('offer.signInLead')}</p>
        <LinkButton
          to="/sign-in"
          search={{ redirect: '/waitlist/offer' }}
          onPress={() => sessionStorage.setItem(stash, token)}
        >
          {t('offer.signIn')}
        </LinkButton>
      </section>
    );
  }
  return (
    <section className="page page-narrow">
      <PageHeading>{t('offer.title')}</PageHeading>
      {offer.isPending ? (
        <Loading label={t('offer.loading')} />
      ) : offer.isError ? (
        <InlineAlert tone="error">{problemText(offer.error)}</InlineAlert>
      ) : (
        <OfferCard offer={offer.data} />
      )}
    </section>
  );
}
