import { today } from '@internationalized/date';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { CompactAvailability, MyAppointment } from '../../api/my-appointments.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { appointmentsMessages } from './appointments.messages.ts';
import { rescheduleTimesQuery } from './appointments.queries.ts';
import { useVisitTime } from './visit-time.ts';

/** The compact answer as days that have times, each with its start instants (ISO, UTC). */
export function openDays(answer: CompactAvailability) {
  const base = Date.parse(answer.start);
  const starts = new Set<number>();
  for (const g of answer.groups) for (const m of g.starts) starts.add(m);
  const sorted = [...starts].sort((x, y) => x - y);
  return answer.days
    .map((d) => ({
      date: d.date,
      times: sorted
        .filter((m) => m >= d.from && m < d.to)
        .map((m) => new Date(base + m * 60_000).toISOString()),
    }))
    .filter((d) => d.times.length > 0);
}

interface Props {
  appointment: MyAppointment;
  pending: boolean;
  onClose: () => void;
  onMove: (start: string) => void;
}

/**
 * A new time for the same visit (type, provider, place, modality) over the next two weeks, in the
 * location's zone: a day, then one of its times. The old time is released by the server only
 * when the new one is booked.
 */
export function RescheduleDialog({ appointment: a, pending, onClose, onMove }: Props) {
  const t = useMessages(appointmentsMessages);
  const when = useVisitTime();
  const { data: clinic } = useClinic();
  const zone = a.location.timeZone;
  const range = useMemo(() => {
    const from = today(zone);
    return { from: from.toString(), to: from.add({ days: 13 }).toString() };
  }, [zone]);
  const times = useQuery({
    ...rescheduleTimesQuery(a.id, {
      organization: clinic?.slug ?? '',
      appointmentTypeId: a.appointmentTypeId,
      providerId: a.providerId,
      locationId: a.locationId,
      modality: a.modality,
      zone,
      ...range,
    }),
    enabled: Boolean(clinic),
  });
  const days = useMemo(() => (times.data ? openDays(times.data) : []), [times.data]);
  const [day, setDay] = useState<string | null>(null);
  const [start, setStart] = useState<string | null>(null);
  const chosenDay = days.find((d) => d.date === day) ?? days[0];
  const current = when(a.start, zone);

  return (
    <Dialog title={t('reschedule.title')} isOpen onOpenChange={(open) => !open && onClose()}>
      <p>{t('reschedule.lead', { current: `${current.shortDate}, ${current.time}` })}</p>
      {times.isPending && <Loading label={t('reschedule.loading')} />}
      {times.isError && <InlineAlert tone="error">{t('reschedule.error')}</InlineAlert>}
      {times.data && days.length === 0 && (
        <p>{t('reschedule.none', { phone: a.location.phone })}</p>
      )}
      <Form onSubmit={() => start && onMove(start)}>
        {chosenDay && (
          <>
            <Select
              label={t('reschedule.day')}
              selectedKey={chosenDay.date}
              onSelectionChange={(k) => {
                setDay(String(k));
                setStart(null);
              }}
              options={days.map((d) => ({
                value: d.date,
                label: t('reschedule.dayOption', {
                  date: when(d.times[0]!, zone).shortDate,
                  count: d.times.length,
                }),
              }))}
            />
            <div className="time-grid">
              <RadioGroup
                key={chosenDay.date}
                label={t('reschedule.time', { zone })}
                name="start"
                isRequired
                value={start}
                onChange={setStart}
                choices={chosenDay.times.map((iso) => ({
                  value: iso,
                  label: when(iso, zone).clock,
                }))}
              />
            </div>
          </>
        )}
        <FormActions>
          {chosenDay && (
            <Button type="submit" isPending={pending}>
              {t('reschedule.submit')}
            </Button>
          )}
          <Button variant="secondary" onPress={onClose}>
            {t('dialog.back')}
          </Button>
        </FormActions>
      </Form>
    </Dialog>
  );
}
