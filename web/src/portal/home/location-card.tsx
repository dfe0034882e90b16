import type { Location } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { homeMessages } from './home.messages.ts';

export function LocationCard({ location }: { location: Location }) {
  const t = useMessages(homeMessages);
  const { address } = location;
  const modalities = [
    location.inPerson ? t('location.inPerson') : null,
    location.telehealth ? t('location.telehealth') : null,
  ].filter(Boolean);
  return (
    <article className="card">
      <h3>{location.name}</h3>
      <address>
        {address.line}
        <br />
        {`${address.city}, ${address.region} ${address.postalCode}`}
      </address>
      {location.phone && (
        <p>
          <a className="link" href={`tel:${location.phone.replace(/\s+/g, '')}`}>
            {t('location.call', { phone: location.phone })}
          </a>
        </p>
      )}
      <p className="muted">{modalities.join(' · ')}</p>
      <p className="muted">{t('location.timeZone', { zone: location.timeZone })}</p>
    </article>
  );
}
