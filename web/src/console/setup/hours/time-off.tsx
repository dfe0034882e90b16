import { parseDateTime, toZoned } from '@internationalized/date';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { addTimeOff, removeRule } from '../../../api/setup.ts';
import type { Location, Provider, SetupRules } from '../../../api/types.ts';
import { Select } from '../../../components/select.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { useRefresh } from '../setup.queries.ts';
import { hoursMessages } from './hours.messages.ts';

interface Props {
  slug: string;
  provider: Provider;
  location: Location;
  rules: SetupRules;
}

const reasons = ['vacation', 'sick', 'training', 'admin', 'other'] as const;

/** The local date and time `value` (YYYY-MM-DDTHH:MM) in `zone`, as an instant; '' if unreadable. */
function instantIn(value: string, zone: string): string {
  try {
    return toZoned(parseDateTime(value), zone).toAbsoluteString();
  } catch {
    return '';
  }
}

/** A provider's time off (at every location), entered in the chosen location's zone. */
export function TimeOff({ slug, provider, location, rules }: Props) {
  const t = useMessages(hoursMessages);
  const intl = useIntl();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({ start: '', end: '', reasonCode: 'vacation' });
  const mine = rules.timeOff.filter((o) => o.providerId === provider.id);
  const when = (iso: string) =>
    intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short', timeZone: location.timeZone });
  const add = useMutation({
    mutationFn: () =>
      addTimeOff(slug, {
        providerId: provider.id,
        start: instantIn(draft.start, location.timeZone),
        end: instantIn(draft.end, location.timeZone),
        reasonCode: draft.reasonCode,
      }),
    onSuccess: () => refresh('rules', slug),
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeRule(slug, 'time-off', id),
    onSuccess: () => refresh('rules', slug),
  });
  return (
    <section className="section" aria-labelledby="time-off-heading">
      <h2 id="time-off-heading">{t('setupHours.timeOff')}</h2>
      <p className="rule-help">{t('setupHours.timeOff.help', { zone: location.timeZone })}</p>
      <RecordsEditor
        caption={t('setupHours.timeOffTable', { provider: provider.displayName })}
        records={mine}
        id={(o) => o.id}
        columns={[
          { header: t('setupHours.start'), cell: (o) => when(o.start) },
          { header: t('setupHours.end'), cell: (o) => when(o.end) },
          {
            header: t('setupHours.reason'),
            cell: (o) => t(`setupHours.reason.${o.reasonCode as (typeof reasons)[number]}`),
          },
        ]}
        remove={{
          label: (o) => t('setupHours.removeTimeOff', { start: when(o.start) }),
          mutation: remove,
        }}
        form={{
          save: add,
          submitLabel: t('setupHours.addTimeOff'),
          fields: (
            <>
              <TextField
                name="start"
                type="datetime-local"
                label={t('setupHours.start')}
                isRequired
                value={draft.start}
                onChange={(start) => setDraft((d) => ({ ...d, start }))}
              />
              <TextField
                name="end"
                type="datetime-local"
                label={t('setupHours.end')}
                isRequired
                value={draft.end}
                onChange={(end) => setDraft((d) => ({ ...d, end }))}
              />
              <Select
                name="reasonCode"
                label={t('setupHours.reason')}
                selectedKey={draft.reasonCode}
                onSelectionChange={(k) => setDraft((d) => ({ ...d, reasonCode: String(k) }))}
                options={reasons.map((r) => ({ value: r, label: t(`setupHours.reason.${r}`) }))}
              />
            </>
          ),
        }}
      />
    </section>
  );
}
