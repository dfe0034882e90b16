import { useClinic, useSession } from '../../api/queries.ts';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { LinkButton } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { homeMessages } from './home.messages.ts';
import { LocationCard } from './location-card.tsx';
import { NewMessages } from './new-messages.tsx';
import { NextVisit } from './next-visit.tsx';

/** The landing page: the clinic served here, one prominent "Book a visit", its locations. */
export function HomePage() {
  const t = useMessages(homeMessages);
  const clinic = useClinic();
  const { data: session } = useSession();

  if (clinic.isPending) return <Loading label={t('home.loading')} />;
  if (clinic.isError) {
    return (
      <section className="page">
        <PageHeading>{t('home.title')}</PageHeading>
        <InlineAlert tone="error">{t('home.error')}</InlineAlert>
      </section>
    );
  }
  if (!clinic.data) {
    return (
      <section className="page">
        <PageHeading>{t('home.title')}</PageHeading>
        <p>{t('home.empty')}</p>
      </section>
    );
  }
  const organization = clinic.data;
  const patient = session?.stage === 'full' && session.account.kind === 'patient';
  return (
    <section className="page">
      <div className="hero">
        <PageHeading lead={<p>{t('home.lead')}</p>}>{organization.name}</PageHeading>
        {organization.isDemo && <p className="notice">{t('home.demoNotice')}</p>}
        {patient && (
          <>
            <p className="muted">{t('home.signedIn', { name: session.account.displayName })}</p>
            <NextVisit />
            <NewMessages />
          </>
        )}
        <div className="hero-action">
          <LinkButton to="/book">{t('home.book')}</LinkButton>
        </div>
      </div>
      <section aria-labelledby="locations-heading" className="section">
        <h2 id="locations-heading">{t('home.locations')}</h2>
        <ul className="cards">
          {organization.locations.map((location) => (
            <li key={location.id}>
              <LocationCard location={location} />
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
