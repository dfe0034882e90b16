import type { CalendarDate } from '@internationalized/date';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import {
  commitSeries,
  previewSeries,
  type SeriesInput,
  type SeriesPreview,
} from '../../api/series.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { DateField } from '../../components/date-field.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { NumberField } from '../../components/number-field.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { useProblemText } from '../../components/problem-text.ts';
import { useZoneFormat } from './format.ts';
import { seriesMessages } from './series.messages.ts';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
type Day = (typeof DAYS)[number];

/** The weekday (MO..SU) of an instant in the location's zone. */
function weekdayIn(iso: string, zone: string): Day {
  const name = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: zone }).format(
    new Date(iso),
  );
  return name.slice(0, 2).toUpperCase() as Day;
}

interface Props {
  /** The visit to repeat; null until a patient and a type are chosen. */
  base: Omit<SeriesInput, 'rule' | 'changes'> | null;
  /** The first visit's start: its weekday is the default day. */
  start: string;
  zone: string;
  onBooked: (message: string) => void;
}

/**
 * "Repeat": a weekly rule built from days, every N weeks and an end (a number of visits or a
 * date), previewed against the schedule (conflicts with the nearest free times to take or skip),
 * then booked as one series — all or nothing.
 */
export function RepeatPanel({ base, start, zone, onBooked }: Props) {
  const t = useMessages(seriesMessages);
  const f = useZoneFormat(zone);
  const problemText = useProblemText();
  const client = useQueryClient();
  const [days, setDays] = useState<Day[]>(() => [weekdayIn(start, zone)]);
  const [every, setEvery] = useState(1);
  const [end, setEnd] = useState<'count' | 'until'>('count');
  const [count, setCount] = useState(6);
  const [until, setUntil] = useState<CalendarDate | null>(null);
  const [changes, setChanges] = useState<Map<number, string | null>>(new Map());
  const [preview, setPreview] = useState<SeriesPreview | null>(null);

  const rule = [
    'FREQ=WEEKLY',
    ...(every > 1 ? [`INTERVAL=${every}`] : []),
    `BYDAY=${(days.length ? days : [weekdayIn(start, zone)]).join(',')}`,
    end === 'count' || !until ? `COUNT=${count}` : `UNTIL=${until.toString().replace(/-/g, '')}`,
  ].join(';');
  const input = (): SeriesInput => ({
    ...base!,
    rule,
    changes: [...changes].map(([index, start]) => ({ index, start })),
  });

  const check = useMutation({
    mutationFn: () => previewSeries(input()),
    onSuccess: setPreview,
  });
  const commit = useMutation({
    mutationFn: () => commitSeries(input()),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      onBooked(t('series.booked', { count: r.appointments.length }));
    },
    onError: () => check.mutate(),
  });
  const change = (index: number, start: string | null) => {
    const next = new Map(changes);
    next.set(index, start);
    setChanges(next);
    setPreview(null);
  };
  const conflicts = preview?.occurrences.filter((o) => !o.skipped && !o.free) ?? [];

  return (
    <section className="repeat-panel" aria-labelledby="repeat-heading">
      <h3 id="repeat-heading">{t('series.heading')}</h3>
      <CheckboxGroup<Day>
        label={t('series.days')}
        value={days}
        onChange={(v) => {
          setDays(v as Day[]);
          setPreview(null);
        }}
        options={DAYS.map((d) => ({ value: d, label: t(`series.day.${d}`) }))}
      />
      <NumberField
        label={t('series.every')}
        unit={t('series.weeks')}
        minValue={1}
        maxValue={12}
        value={every}
        onChange={(v) => {
          setEvery(Number.isNaN(v) ? 1 : v);
          setPreview(null);
        }}
      />
      <RadioGroup<'count' | 'until'>
        label={t('series.ends')}
        value={end}
        onChange={(v) => {
          setEnd(v as 'count' | 'until');
          setPreview(null);
        }}
        choices={[
          { value: 'count', label: t('series.ends.count') },
          { value: 'until', label: t('series.ends.until') },
        ]}
      />
      {end === 'count' ? (
        <NumberField
          label={t('series.count')}
          minValue={1}
          maxValue={52}
          value={count}
          onChange={(v) => {
            setCount(Number.isNaN(v) ? 1 : v);
            setPreview(null);
          }}
        />
      ) : (
        <DateField<CalendarDate>
          label={t('series.until')}
          value={until}
          onChange={(v) => {
            setUntil(v);
            setPreview(null);
          }}
        />
      )}
      <FormActions>
        <Button
          variant="secondary"
          isDisabled={!base}
          isPending={check.isPending}
          onPress={() => check.mutate()}
        >
          {t('series.preview')}
        </Button>
      </FormActions>
      {check.isError && <InlineAlert tone="error">{problemText(check.error)}</InlineAlert>}
      {preview && (
        <>
          <p role="status">
            {t('series.summary', {
              count: preview.occurrences.filter((o) => !o.skipped).length,
              conflicts: conflicts.length,
            })}
          </p>
          <ol className="result-list series-occurrences">
            {preview.occurrences.map((o) => (
              <li key={o.index}>
                <span>
                  {f.dateOf(o.start)}, {f.time(o.start)} —{' '}
                  {o.skipped
                    ? t('series.skipped')
                    : o.free
                      ? t('series.free')
                      : t('series.conflict')}
                </span>
                {!o.free && !o.skipped && (
                  <span className="series-alternatives">
                    {o.alternatives.map((a) => (
                      <Button
                        key={`${a.providerId}${a.start}`}
                        variant="quiet"
                        onPress={() => change(o.index, a.start)}
                      >
                        {t('series.take', { time: `${f.time(a.start)}, ${f.dateOf(a.start)}` })}
                      </Button>
                    ))}
                    <Button variant="quiet" onPress={() => change(o.index, null)}>
                      {t('series.skip')}
                    </Button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {commit.isError && (
        <InlineAlert tone="error">
          {commit.error instanceof ApiError && commit.error.is('series-conflict')
            ? t('series.refused')
            : problemText(commit.error)}
        </InlineAlert>
      )}
      <FormActions>
        <Button
          isDisabled={!base || !preview || conflicts.length > 0}
          isPending={commit.isPending}
          onPress={() => commit.mutate()}
        >
          {t('series.submit')}
        </Button>
      </FormActions>
    </section>
  );
}
