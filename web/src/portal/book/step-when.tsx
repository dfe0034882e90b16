import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Modality } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { Link } from '../../components/link.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { timesQuery } from './book.queries.ts';
import {
  addDays,
  daysWithTimes,
  localDate,
  timesChange,
  timesOfDay,
  type TimeOption,
} from './slots.ts';
import { StepHeading } from './step-heading.tsx';
import { useWhen } from './use-when.ts';
import { ZoneChoice } from './zone-choice.tsx';

interface Props {
  organization: string;
  typeId: string;
  typeName: string;
  horizonDays: number;
  modality: Modality;
  providerId: string | undefined;
  locationId: string | undefined;
  zone: string;
  clinicZones: string[];
  focus: boolean;
  providerName(id: string): string;
  onZone(zone: string): void;
  onPick(slot: TimeOption): void;
  onBack(): void;
}

const WINDOW = 14;

/**
 * When: the days of a fortnight that have times, and the times of the chosen day, in the zone
 * the patient reads (shown, changeable). Polled while shown; a change to the chosen day's times
 * is announced politely ("1 time is no longer available").
 */
export function WhenStep(p: Props) {
  const t = useMessages(bookStepMessages);
  const when = useWhen(p.zone);
  const client = useQueryClient();
  const today = localDate(Date.now(), p.zone);
  const [from, setFrom] = useState(today);
  const to = addDays(from, WINDOW - 1);
  const last = addDays(today, p.horizonDays);
  const times = useQuery(
    timesQuery(client, {
      organization: p.organization,
      appointmentTypeId: p.typeId,
      modality: p.modality,
      zone: p.zone,
      from,
      to,
      providerId: p.providerId,
      locationId: p.modality === 'in_person' ? p.locationId : undefined,
    }),
  );
  const days = useMemo(() => (times.data ? daysWithTimes(times.data) : []), [times.data]);
  const [chosen, setChosen] = useState<string | null>(null);
  const day = chosen && days.includes(chosen) ? chosen : (days[0] ?? null);
  const shown = useMemo(
    () =>
      times.data && day ? timesOfDay(times.data, day, p.providerId ? [p.providerId] : []) : [],
    [times.data, day, p.providerId],
  );

  // Announce what a poll changed on the day in view (not the first answer, not a new day).
  const [change, setChange] = useState('');
  const seen = useRef<{ day: string | null; starts: string[] } | null>(null);
  useEffect(() => {
    const starts = shown.map((s) => s.start);
    const before = seen.current;
    seen.current = { day, starts };
    if (!before || before.day !== day) return;
    const { gone, added } = timesChange(before.starts, starts);
    if (gone || added) setChange(t('book.when.changed', { gone, added }));
  }, [shown, day, t]);

  return (
    <section className="step">
      <StepHeading focus={p.focus}>{t('book.when.title')}</StepHeading>
      <p className="muted">{t('book.when.visit', { type: p.typeName })}</p>
      <ZoneChoice zone={p.zone} clinicZones={p.clinicZones} onChange={p.onZone} />
      <p role="status" className="visually-hidden">
        {change}
      </p>
      {times.isPending && <Loading label={t('book.when.loading')} />}
      {times.isError && <p>{t('book.when.error')}</p>}
      {times.data && (
        <>
          <h3 id="days-heading">
            {t('book.when.days', { from: when.date(from, true), to: when.date(to, true) })}
          </h3>
          {days.length === 0 ? (
            <p>{t('book.when.noDays')}</p>
          ) : (
            <ul className="day-list" aria-labelledby="days-heading">
              {times.data.days
                .filter((d) => d.times > 0)
                .map((d) => (
                  <li key={d.date}>
                    <Button
                      variant={d.date === day ? 'primary' : 'secondary'}
                      aria-pressed={d.date === day}
                      onPress={() => setChosen(d.date)}
                    >
                      {t('book.when.day', { day: when.date(d.date, true), count: d.times })}
                    </Button>
                  </li>
                ))}
            </ul>
          )}
          <div className="actions">
            {from > today && (
              <Button variant="quiet" onPress={() => setFrom(addDays(from, -WINDOW))}>
                {t('book.when.earlier')}
              </Button>
            )}
            {to < last && (
              <Button variant="quiet" onPress={() => setFrom(addDays(from, WINDOW))}>
                {t('book.when.later')}
              </Button>
            )}
          </div>
          {day && (
            <>
              <h3 id="times-heading">{t('book.when.times', { day: when.date(day) })}</h3>
              <ul className="time-list" aria-labelledby="times-heading">
                {shown.map((s) => (
                  <li key={s.start}>
                    <Button
                      variant="secondary"
                      aria-label={t('book.when.timeWith', {
                        time: when.time(s.start),
                        day: when.date(day),
                        provider: p.providerName(s.providerId),
                      })}
                      onPress={() => p.onPick(s)}
                    >
                      {when.time(s.start)}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <p>
        <Link to="/waitlist/join" search={{ type: p.typeId, modality: p.modality }}>
          {t('book.when.waitlist')}
        </Link>
      </p>
      <div className="actions">
        <Button variant="quiet" onPress={p.onBack}>
          {t('book.back')}
        </Button>
      </div>
    </section>
  );
}
