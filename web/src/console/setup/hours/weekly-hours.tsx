import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { addWorkingHours, removeRule, type WorkingHoursInput } from '../../../api/setup.ts';
import type { Location, Provider, SetupRules } from '../../../api/types.ts';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { useRefresh } from '../setup.queries.ts';
import { hoursMessages } from './hours.messages.ts';
import { useLocalDate, useWeekdayName } from './weekdays.ts';

interface Props {
  slug: string;
  provider: Provider;
  location: Location;
  rules: SetupRules;
}

const empty = {
  weekday: '1',
  startTime: '09:00',
  endTime: '17:00',
  effectiveFrom: '',
  effectiveTo: '',
};

/** A provider's weekly hours at one location: the blocks by day, and a form to add one. */
export function WeeklyHours({ slug, provider, location, rules }: Props) {
  const t = useMessages(hoursMessages);
  const dayName = useWeekdayName();
  const localDate = useLocalDate();
  const refresh = useRefresh();
  const [draft, setDraft] = useState(empty);
  const set = (k: keyof typeof empty) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const mine = rules.workingHours.filter(
    (w) => w.providerId === provider.id && w.locationId === location.id,
  );
  const add = useMutation({
    mutationFn: () => {
      const input: WorkingHoursInput = {
        providerId: provider.id,
        locationId: location.id,
        weekday: Number(draft.weekday),
        startTime: draft.startTime,
        endTime: draft.endTime,
        effectiveFrom: draft.effectiveFrom || null,
        effectiveTo: draft.effectiveTo || null,
      };
      return addWorkingHours(slug, input);
    },
    onSuccess: () => refresh('rules', slug),
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeRule(slug, 'working-hours', id),
    onSuccess: () => refresh('rules', slug),
  });
  const applies = (from: string | null, to: string | null) =>
    from && to
      ? t('setupHours.range', { from: localDate(from), to: localDate(to) })
      : from
        ? t('setupHours.rangeFrom', { from: localDate(from) })
        : to
          ? t('setupHours.rangeTo', { to: localDate(to) })
          : t('setupHours.always');
  return (
    <section className="section" aria-labelledby="weekly-heading">
      <h2 id="weekly-heading">{t('setupHours.weekly')}</h2>
      <p className="rule-help">{t('setupHours.weekly.help')}</p>
      <RecordsEditor
        caption={t('setupHours.weeklyTable', {
          provider: provider.displayName,
          location: location.name,
        })}
        records={mine}
        id={(w) => w.id}
        columns={[
          { header: t('setupHours.day'), cell: (w) => dayName(w.weekday) },
          { header: t('setupHours.from'), cell: (w) => w.startTime },
          { header: t('setupHours.to'), cell: (w) => w.endTime },
          { header: t('setupHours.applies'), cell: (w) => applies(w.effectiveFrom, w.effectiveTo) },
        ]}
        remove={{
          label: (w) =>
            t('setupHours.removeHours', {
              day: dayName(w.weekday),
              from: w.startTime,
              to: w.endTime,
            }),
          mutation: remove,
        }}
        form={{
          save: add,
          submitLabel: t('setupHours.addHours'),
          fields: (
            <>
              <Select
                name="weekday"
                label={t('setupHours.weekday')}
                selectedKey={draft.weekday}
                onSelectionChange={(k) => set('weekday')(String(k))}
                options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                  value: String(d),
                  label: dayName(d),
                }))}
              />
              <TextField
                name="startTime"
                type="time"
                label={t('setupHours.startTime')}
                isRequired
                value={draft.startTime}
                onChange={set('startTime')}
              />
              <TextField
                name="endTime"
                type="time"
                label={t('setupHours.endTime')}
                isRequired
                value={draft.endTime}
                onChange={set('endTime')}
              />
              <TextField
                name="effectiveFrom"
                type="date"
                label={t('setupHours.effectiveFrom')}
                value={draft.effectiveFrom}
                onChange={set('effectiveFrom')}
              />
              <TextField
                name="effectiveTo"
                type="date"
                label={t('setupHours.effectiveTo')}
                value={draft.effectiveTo}
                onChange={set('effectiveTo')}
              />
            </>
          ),
        }}
      />
    </section>
  );
}
