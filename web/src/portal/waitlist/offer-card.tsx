import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { acceptOffer, declineOffer, type WaitlistOffer } from '../../api/waitlist.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { waitlistMessages } from './waitlist.messages.ts';

/** One offer: the held time in its location's zone, until when, and accept or decline. */
export function OfferCard({
  offer,
  headingLevel = 2,
}: {
  offer: WaitlistOffer;
  headingLevel?: 2 | 3;
}) {
  const t = useMessages(waitlistMessages);
  const intl = useIntl();
  const problemText = useProblemText();
  const client = useQueryClient();
  const clinic = useClinic();
  const location = clinic.data?.locations.find((l) => l.id === offer.locationId);
  const zone = location?.timeZone;
  const date = (iso: string) => intl.formatDate(iso, { dateStyle: 'full', timeZone: zone });
  const time = (iso: string) => intl.formatTime(iso, { timeStyle: 'short', timeZone: zone });
  const done = () => client.invalidateQueries({ queryKey: ['me'] });
  const accept = useMutation({ mutationFn: () => acceptOffer(offer.id), onSettled: done });
  const decline = useMutation({ mutationFn: () => declineOffer(offer.id), onSettled: done });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const open = offer.status === 'sent' || offer.status === 'opened';
  return (
    <article className="card offer-card" aria-labelledby={`offer-${offer.id}`}>
      <Heading id={`offer-${offer.id}`}>{t('offer.heading')}</Heading>
      <p className="offer-when">
        {t('offer.when', { date: date(offer.start), time: time(offer.start) })}
        {location ? ` · ${location.name}` : ''}
      </p>
      {accept.isSuccess ? (
        <>
          <InlineAlert tone="success">
            {t('offer.accepted', {
              date: date(accept.data.start),
              time: time(accept.data.start),
            })}
          </InlineAlert>
          <LinkButton to="/appointments">{t('offer.appointments')}</LinkButton>
        </>
      ) : decline.isSuccess ? (
        <InlineAlert tone="info">{t('offer.declined')}</InlineAlert>
      ) : !open ? (
        <InlineAlert tone="info">{t('offer.closed')}</InlineAlert>
      ) : (
        <>
          <p>{t('offer.until', { time: time(offer.expiresAt) })}</p>
          <InlineAlert tone="error">
            {accept.error
              ? problemText(accept.error)
              : decline.error
                ? problemText(decline.error)
                : null}
          </InlineAlert>
          <div className="actions">
            <Button onPress={() => accept.mutate()} isPending={accept.isPending}>
              {t('offer.accept')}
            </Button>
            <Button
              variant="secondary"
              onPress={() => decline.mutate()}
              isPending={decline.isPending}
            >
              {t('offer.decline')}
            </Button>
          </div>
        </>
      )}
    </article>
  );
}
