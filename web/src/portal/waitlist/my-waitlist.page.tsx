import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearch } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { fetchMyWaitlist, withdrawEntry, type WaitlistEntry } from '../../api/waitlist.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useProblemText } from '../../components/problem-text.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { typesQuery } from '../book/book.queries.ts';
import { OfferCard } from './offer-card.tsx';
import { waitlistMessages } from './waitlist.messages.ts';

export const myWaitlistKey = ['me', 'waitlist'] as const;

/** The patient's waitlist: each entry, its open offers (accept or decline here), and leaving. */
export function MyWaitlistPage() {
  const t = useMessages(waitlistMessages);
  const problemText = useProblemText();
  const { joined } = useSearch({ strict: false }) as { joined?: boolean };
  const list = useQuery({
    queryKey: myWaitlistKey,
    queryFn: ({ signal }) => fetchMyWaitlist(signal),
  });
  return (
    <section className="page page-narrow">
      <PageHeading lead={<p>{t('mine.lead')}</p>}>{t('mine.title')}</PageHeading>
      {joined && <InlineAlert tone="success">{t('mine.joined')}</InlineAlert>}
      {list.isPending ? (
        <Loading label={t('mine.loading')} />
      ) : list.isError ? (
        <InlineAlert tone="error">{problemText(list.error)}</InlineAlert>
      ) : list.data.entries.length === 0 ? (
        <p>{t('mine.empty')}</p>
      ) : (
        <ul className="waitlist">
          {list.data.entries.map((e) => (
            <EntryItem key={e.id} entry={e} />
          ))}
        </ul>
      )}
      <LinkButton to="/waitlist/join" variant="secondary">
        {t('mine.join')}
      </LinkButton>
    </section>
  );
}

function EntryItem({ entry }: { entry: WaitlistEntry }) {
  const t = useMessages(waitlistMessages);
  const intl = useIntl();
  const client = useQueryClient();
  const clinic = useClinic();
  const types = useQuery({ ...typesQuery(clinic.data?.slug ?? ''), enabled: Boolean(clinic.data) });
  const type = types.data?.find((x) => x.id === entry.appointmentTypeId)?.name ?? '';
  const day = (d: string) =>
    intl.formatDate(`${d}T12:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
  const leave = useMutation({
    mutationFn: () => withdrawEntry(entry.id),
    onSettled: () => client.invalidateQueries({ queryKey: myWaitlistKey }),
  });
  return (
    <li className="card waitlist-entry">
      <h2>{t('entry.title', { type })}</h2>
      <p>
        {t(`entry.status.${entry.status}`)} ·{' '}
        {t('entry.range', { from: day(entry.fromDate), to: day(entry.toDate) })}
      </p>
      {entry.moveAppointmentId && <p className="muted">{t('entry.moves')}</p>}
      {entry.openOffers.map((o) => (
        <OfferCard key={o.id} offer={o} headingLevel={3} />
      ))}
      {entry.status === 'waiting' && (
        <Button variant="quiet" onPress={() => leave.mutate()} isPending={leave.isPending}>
          {t('entry.leave')}
        </Button>
      )}
    </li>
  );
}
