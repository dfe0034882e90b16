import { useQuery } from '@tanstack/react-query';
import type { Modality } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookMessages } from './book.messages.ts';
import { eligibilityQuery, firstTimeQuery, lastVisitQuery } from './book.queries.ts';
import type { TimeOption } from './slots.ts';
import { useWhen } from './use-when.ts';

interface Props {
  organization: string;
  patientId: string | undefined;
  zone: string;
  providerName(id: string): string;
  onPick(typeId: string, modality: Modality, slot: TimeOption): void;
}

/**
 * For a returning patient: the visit they had last time, with its first available time, one
 * press from booking it. Shown only when that type is offered to them and has a time.
 */
export function BookAgain({ organization, patientId, zone, providerName, onPick }: Props) {
  const t = useMessages(bookMessages);
  const when = useWhen(zone);
  const last = useQuery(lastVisitQuery(patientId));
  const visit = last.data ?? null;
  const offered = useQuery({
    ...eligibilityQuery(visit ? [visit.appointmentTypeId] : [], patientId),
    enabled: Boolean(visit),
  });
  const ok = offered.data?.[0]?.offered === true;
  const first = useQuery({
    ...firstTimeQuery({
      organization,
      appointmentTypeId: visit?.appointmentTypeId ?? '',
      modality: visit?.modality ?? 'in_person',
      zone,
    }),
    enabled: Boolean(visit && ok),
  });
  const slot = first.data;
  if (!visit || !ok || !slot) return null;
  const modality = visit.modality;
  return (
    <section aria-labelledby="again-heading" className="card book-again">
      <h3 id="again-heading">{t('book.again.title')}</h3>
      <p>
        {t('book.again.visit', {
          type: visit.appointmentType.name,
          modality: modality === 'telehealth' ? 'video' : 'person',
        })}
      </p>
      <p>
        {t('book.again.first', {
          day: when.day(slot.start),
          time: when.time(slot.start),
          provider: providerName(slot.providerId),
        })}
      </p>
      <Button
        onPress={() =>
          onPick(visit.appointmentTypeId, modality, {
            start: slot.start,
            providerId: slot.providerId,
            locationId: slot.locationId,
            modalities: slot.modalities,
          })
        }
      >
        {t('book.again.book')}
      </Button>
    </section>
  );
}
