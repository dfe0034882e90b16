import { useClinic } from '../../api/queries.ts';
import { Link } from '../../components/link.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { LocationCard } from '../home/location-card.tsx';
import { bookMessages } from './book.messages.ts';

/** Booking's place in the portal (issue #11 builds the flow); meanwhile, the clinic's phones. */
export function BookPage() {
  const t = useMessages(bookMessages);
  const { data: clinic } = useClinic();
  return (
    <section className="page">
      <PageHeading lead={<p>{t('book.coming')}</p>}>{t('book.title')}</PageHeading>
      <p>{t('book.meanwhile')}</p>
      {clinic && (
        <ul className="cards">
          {clinic.locations.map((location) => (
            <li key={location.id}>
              <LocationCard location={location} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/">{t('book.back')}</Link>
      </p>
    </section>
  );
}
