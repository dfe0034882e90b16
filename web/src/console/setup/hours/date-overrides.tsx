import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { addDateOverride, removeRule } from '../../../api/setup.ts';
import type { Location, Provider, SetupRules } from '../../../api/types.ts';
import { Button } from '../../../components/button.tsx';
import { Checkbox } from '../../../components/checkbox.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
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
  const s = useMessages(setupMessages);
  const problemText = useProblemText();
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
      <div className="table-wrap">
        <table className="records">
          <caption>
            {t('setupHours.overridesTable', {
              provider: provider.displayName,
              location: location.name,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('setupHours.date')}</th>
              <th scope="col">{t('setupHours.hours')}</th>
              <th scope="col">{s('setup.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.length === 0 && (
              <tr>
                <td colSpan={3}>{s('setup.none')}</td>
              </tr>
            )}
            {mine.map((o) => (
              <tr key={o.id}>
                <th scope="row">{localDate(o.date)}</th>
                <td>
                  {o.startTime && o.endTime
                    ? `${o.startTime}–${o.endTime}`
                    : t('setupHours.closed')}
                </td>
                <td>
                  <Button
                    variant="secondary"
                    aria-label={t('setupHours.removeOverride', { date: localDate(o.date) })}
                    onPress={() => remove.mutate(o.id)}
                  >
                    {s('setup.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <InlineAlert tone="error">{remove.isError && problemText(remove.error)}</InlineAlert>
      <div className="form-panel section">
        <Form error={add.error} onSubmit={() => add.mutate()}>
          <div className="form-grid">
            <TextField
              name="date"
              type="date"
              label={t('setupHours.date')}
              isRequired
              value={draft.date}
              onChange={(date) => setDraft((d) => ({ ...d, date }))}
            />
          </div>
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
          <InlineAlert tone="success">{add.isSuccess && s('setup.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={add.isPending}>
              {t('setupHours.addOverride')}
            </Button>
          </FormActions>
        </Form>
      </div>
    </section>
  );
}
