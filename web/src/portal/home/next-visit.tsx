import { useQuery } from '@tanstack/react-query';
import { Link } from '../../components/link.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { nextAppointmentQuery } from '../appointments/appointments.queries.ts';
import { useVisitTime } from '../appointments/visit-time.ts';
import '../appointments/visits.css';
import { homeMessages } from './home.messages.ts';

/** A signed-in patient's next visit on the landing page, with the way to manage it. */
export function NextVisit() {
  const t = useMessages(homeMessages);
  const when = useVisitTime();
  const next = useQuery(nextAppointmentQuery);
  if (next.isPending || next.isError) return null;
  const a = next.data;
  return (
    <section className="card next-visit" aria-labelledby="next-visit-heading">
      <h2 id="next-visit-heading">{t('home.next.title')}</h2>
      {a ? (
        <>
          <p>
            <strong>
              {t('home.next.when', {
                date: when(a.start, a.location.timeZone).date,
                time: when(a.start, a.location.timeZone).time,
              })}
            </strong>
          </p>
          <p>
            {a.modality === 'telehealth'
              ? t('home.next.video', {
                  type: a.appointmentType.name,
                  provider: a.provider.displayName,
                })
              : t('home.next.place', {
                  type: a.appointmentType.name,
                  provider: a.provider.displayName,
                  location: a.location.name,
                })}
          </p>
          {a.status === 'held' && <p className="visit-note">{t('home.next.held')}</p>}
          <p>
            <Link to="/appointments">{t('home.next.manage')}</Link>
          </p>
        </>
      ) : (
        <p>
          {t('home.next.none')} <Link to="/appointments">{t('home.next.all')}</Link>
        </p>
      )}
    </section>
  );
}
