import { parseDate, type CalendarDate } from '@internationalized/date';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/problem.ts';
import { fetchOpenTimes, rescheduleAppointment, type OverrideReason } from '../../api/schedule.ts';
import type { AppointmentType, ScheduleEntry } from '../../api/types.ts';
import { Button } from '../../components/button.tsx';
import { DateField } from '../../components/date-field.tsx';
import { FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { insideCutoff } from './cancel-panel.tsx';
import { useVisitProblem, useZoneFormat } from './format.ts';
import { localOf } from './grid-model.ts';
import { OverrideSelect } from './override-select.tsx';
import { scheduleMessages } from './schedule.messages.ts';

/**
 * Rescheduling by choosing a new time: the open times of the same provider, place and visit type
 * on a chosen date (the availability API), then the move in one request with the entry's version.
 */
export function ReschedulePanel({
  entry,
  type,
  organization,
  zone,
  onBack,
  onDone,
}: {
  entry: ScheduleEntry;
  type: AppointmentType;
  organization: string;
  zone: string;
  onBack: () => void;
  onDone: (message: string) => void;
}) {
  const t = useMessages(scheduleMessages);
  const f = useZoneFormat(zone);
  const visitProblem = useVisitProblem(zone);
  const client = useQueryClient();
  const [date, setDate] = useState<CalendarDate | null>(parseDate(localOf(entry.start, zone).date));
  const [late, setLate] = useState(insideCutoff(entry.start, type.rescheduleCutoffHours));
  const [override, setOverride] = useState<OverrideReason>('patient_called');
  const day = date?.toString();
  const times = useQuery({
    queryKey: ['open-times', type.id, entry.providerId, entry.locationId, day],
    enabled: Boolean(day),
    queryFn: ({ signal }) =>
      fetchOpenTimes(
        {
          organization,
          appointmentTypeId: type.id,
          providerId: entry.providerId,
          locationId: entry.locationId,
          from: day!,
          to: day!,
          zone,
        },
        signal,
      ),
  });
  const move = useMutation({
    mutationFn: (start: string) =>
      rescheduleAppointment(entry.id, entry.version, start, late ? override : undefined),
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['schedule'] });
      void client.invalidateQueries({ queryKey: ['open-times'] });
      onDone(t('desk.appt.done.reschedule', { time: `${f.time(a.start)}, ${f.dateOf(a.start)}` }));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.is('cutoff-passed')) setLate(true);
      if (err instanceof ApiError && (err.is('slot-taken') || err.is('precondition-failed'))) {
        void client.invalidateQueries({ queryKey: ['schedule'] });
        void times.refetch();
      }
    },
  });
  const slots = times.data?.slots.filter((s) => s.start !== entry.start) ?? [];
  return (
    <section aria-labelledby="reschedule-title" className="panel">
      <h3 id="reschedule-title">{t('desk.reschedule.title')}</h3>
      <DateField label={t('desk.reschedule.date')} value={date} onChange={setDate} />
      {late && (
        <OverrideSelect
          label={t('desk.reschedule.override')}
          description={t('desk.reschedule.override.why', { hours: type.rescheduleCutoffHours })}
          value={override}
          onChange={setOverride}
        />
      )}
      {day && <h4>{t('desk.reschedule.times', { date: f.date(day, 'medium') })}</h4>}
      {times.isPending && day ? (
        <Loading />
      ) : slots.length === 0 ? (
        <p>{t('desk.reschedule.none')}</p>
      ) : (
        <ul className="time-choices">
          {slots.map((s) => (
            <li key={s.start}>
              <Button
                variant="secondary"
                isPending={move.isPending && move.variables === s.start}
                onPress={() => move.mutate(s.start)}
              >
                {t('desk.reschedule.move', { time: f.time(s.start) })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <InlineAlert tone="error">{move.isError && visitProblem(move.error)}</InlineAlert>
      <FormActions>
        <Button variant="quiet" onPress={onBack}>
          {t('desk.appt.back')}
        </Button>
      </FormActions>
    </section>
  );
}
