import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Modality } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { timesQuery } from './book.queries.ts';
import { addDays, allTimes, localDate, nearestTimes, type TimeOption } from './slots.ts';
import { StepHeading } from './step-heading.tsx';
import { useWhen } from './use-when.ts';

interface Props {
  why: 'expired' | 'taken';
  organization: string;
  typeId: string;
  modality: Modality;
  lost: TimeOption;
  holdMinutes: number | null;
  zone: string;
  /** The times the server offered with its 409, when it gave some. */
  offered?: TimeOption[] | undefined;
  providerName(id: string): string;
  onPick(slot: TimeOption): void;
  onOther(): void;
}

/**
 * A hold that ran out while the patient hesitated: what happened, in plain words, and the
 * nearest times to the one they had (the same one first when it is still free), one press each.
 */
export function HoldExpired(p: Props) {
  const t = useMessages(bookStepMessages);
  const when = useWhen(p.zone);
  const client = useQueryClient();
  const from = localDate(Date.parse(p.lost.start), p.zone);
  const near = useQuery({
    ...timesQuery(client, {
      organization: p.organization,
      appointmentTypeId: p.typeId,
      modality: p.modality,
      zone: p.zone,
      from,
      to: addDays(from, 6),
      locationId: p.modality === 'in_person' ? p.lost.locationId : undefined,
    }),
    enabled: !p.offered?.length,
  });
  const options =
    p.offered && p.offered.length > 0
      ? p.offered
      : near.data
        ? nearestTimes(allTimes(near.data), Date.parse(p.lost.start), 3)
        : [];
  return (
    <section className="step">
      <StepHeading focus>
        {p.why === 'taken' ? t('book.taken.title') : t('book.expired.title')}
      </StepHeading>
      <p>
        {p.why === 'taken'
          ? t('book.taken.what', { day: when.day(p.lost.start), time: when.time(p.lost.start) })
          : t('book.expired.what', {
              day: when.day(p.lost.start),
              time: when.time(p.lost.start),
              minutes: p.holdMinutes ?? 0,
              known: p.holdMinutes ? 'yes' : 'no',
            })}
      </p>
      {near.isPending && !p.offered?.length && <Loading label={t('book.when.loading')} />}
      {options.length > 0 && (
        <>
          <h3 id="nearest-heading">{t('book.expired.nearest')}</h3>
          <ul className="time-list time-list-wide" aria-labelledby="nearest-heading">
            {options.map((s) => (
              <li key={`${s.start}-${s.providerId}`}>
                <Button variant="secondary" onPress={() => p.onPick(s)}>
                  {t('book.expired.option', {
                    day: when.shortDay(s.start),
                    time: when.time(s.start),
                    provider: p.providerName(s.providerId),
                    same: Date.parse(s.start) === Date.parse(p.lost.start) ? 'yes' : 'no',
                  })}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {near.data && options.length === 0 && <p>{t('book.expired.none')}</p>}
      <div className="actions">
        <Button variant="quiet" onPress={p.onOther}>
          {t('book.expired.other')}
        </Button>
      </div>
    </section>
  );
}
