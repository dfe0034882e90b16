import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { addDateOverride, removeRule } from '../../../api/setup.ts';
import type { Location, Provider, SetupRules } from '../../../api/types.ts';
import { Checkbox } from '../../../components/checkbox.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { useRefresh } from '../setup.queries.ts';
import { hoursMessages } from './hours.messages.ts';
import { useLocalDate } from './weekdays.ts';

interface Props {
  slug: string;
  provider: Provider;
  location: Location;
  rules: SetupRules;
}

/** One-day changes of a provider's hours at a location: other hours, or closed all day. */
export function DateOverrides({ slug, provider, location, rules }: Props) {
  const t = useMessages(hoursMessages);
  const localDate = useLocalDate();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({ date: '', closed: true, startTime: '', endTime: '' });
  const mine = rules.dateOverrides.filter(
    (o) => o.providerId === provider.id && o.locationId === location.id,
  );
  const add = useMutation({
    mutationFn: () =>
      addDateOverride(slug, {
        providerId: provider.id,
        locationId: location.id,
        date: draft.date,
        startTime: draft.closed ? null : draft.startTime,
        endTime: draft.closed ? null : draft.endTime,
      }),
    onSuccess: () => refresh('rules', slug),
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeRule(slug, 'date-overrides', id),
    onSuccess: () => refresh('rules', slug),
  });
  return (
    <section className="section" aria-labelledby="overrides-heading">
      <h2 id="overrides-heading">{t('setupHours.overrides')}</h2>
      <p className="rule-help">{t('setupHours.overrides.help')}</p>
      <RecordsEditor
        caption={t('setupHours.overridesTable', {
          provider: provider.displayName,
          location: location.name,
        })}
        records={mine}
        id={(o) => o.id}
        columns={[
          { header: t('setupHours.date'), cell: (o) => localDate(o.date) },
          {
            header: t('setupHours.hours'),
            cell: (o) =>
              o.startTime && o.endTime ? `${o.startTime}–${o.endTime}` : t('setupHours.closed'),
          },
        ]}
        remove={{
          label: (o) => t('setupHours.removeOverride', { date: localDate(o.date) }),
          mutation: remove,
        }}
        form={{
          save: add,
          submitLabel: t('setupHours.addOverride'),
          fields: (
            <>
              <TextField
                name="date"
                type="date"
                label={t('setupHours.date')}
                isRequired
                value={draft.date}
                onChange={(date) => setDraft((d) => ({ ...d, date }))}
              />
            </>
          ),
          more: (
            <>
              <Checkbox
                isSelected={draft.closed}
                onChange={(closed) => setDraft((d) => ({ ...d, closed }))}
              >
                {t('setupHours.closed')}
              </Checkbox>
              {!draft.closed && (
                <div className="form-grid">
                  <TextField
                    name="startTime"
                    type="time"
                    label={t('setupHours.startTime')}
                    isRequired
                    value={draft.startTime}
                    onChange={(startTime) => setDraft((d) => ({ ...d, startTime }))}
                  />
                  <TextField
                    name="endTime"
                    type="time"
                    label={t('setupHours.endTime')}
                    isRequired
                    value={draft.endTime}
                    onChange={(endTime) => setDraft((d) => ({ ...d, endTime }))}
                  />
                </div>
              )}
            </>
          ),
        }}
      />
    </section>
  );
}
