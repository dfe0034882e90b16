import { useQuery } from '@tanstack/react-query';
import type { Modality } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { firstTimeQuery } from './book.queries.ts';
import type { TimeOption } from './slots.ts';
import { useWhen } from './use-when.ts';

interface Props {
  organization: string;
  typeId: string;
  modality: Modality;
  providerId: string | undefined;
  locationId: string | undefined;
  zone: string;
  providerName(id: string): string;
  locationName(id: string): string;
  onPick(slot: TimeOption): void;
  onMore(): void;
}

/** The soonest time for the choices so far, one press from holding it; or all the times. */
export function FirstAvailable(p: Props) {
  const t = useMessages(bookStepMessages);
  const when = useWhen(p.zone);
  const first = useQuery(
    firstTimeQuery({
      organization: p.organization,
      appointmentTypeId: p.typeId,
      modality: p.modality,
      zone: p.zone,
      providerId: p.providerId,
      locationId: p.locationId,
    }),
  );
  const slot = first.data;
  return (
    <section aria-labelledby="first-heading" className="card first-available">
      <h3 id="first-heading">{t('book.first.title')}</h3>
      {first.isPending && <Loading label={t('book.first.loading')} />}
      {first.isError && <p>{t('book.first.error')}</p>}
      {first.data === null && <p>{t('book.first.none')}</p>}
      {slot && (
        <>
          <p className="first-time">
            <strong>{when.day(slot.start)}</strong> {when.time(slot.start)}
          </p>
          <p className="muted">
            {p.modality === 'telehealth'
              ? t('book.first.withVideo', { provider: p.providerName(slot.providerId) })
              : t('book.first.withAt', {
                  provider: p.providerName(slot.providerId),
                  location: p.locationName(slot.locationId),
                })}
          </p>
        </>
      )}
      <div className="actions">
        {slot && (
          <Button
            onPress={() =>
              p.onPick({
                start: slot.start,
                providerId: slot.providerId,
                locationId: slot.locationId,
                modalities: slot.modalities,
              })
            }
          >
            {t('book.first.book', { time: when.time(slot.start) })}
          </Button>
        )}
        <Button variant="secondary" onPress={p.onMore}>
          {t('book.first.more')}
        </Button>
      </div>
    </section>
  );
}
