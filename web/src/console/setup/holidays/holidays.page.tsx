import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { removeHoliday, setHoliday } from '../../../api/setup.ts';
import { Button } from '../../../components/button.tsx';
import { Form, FormActions } from '../../../components/form.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { Loading } from '../../../components/loading.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useProblemText } from '../../../components/problem-text.ts';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useLocalDate } from '../hours/weekdays.ts';
import { setupMessages } from '../setup.messages.ts';
import { useRefresh, useRules, useSetupClinic } from '../setup.queries.ts';
import { holidaysMessages } from './holidays.messages.ts';

/** The clinic's holidays to come: a list, and a form to add one. */
export function SetupHolidaysPage() {
  const t = useMessages(holidaysMessages);
  const s = useMessages(setupMessages);
  const problemText = useProblemText();
  const localDate = useLocalDate();
  const { slug } = useSetupClinic();
  const rules = useRules(slug);
  const refresh = useRefresh();
  const [draft, setDraft] = useState({ date: '', name: '' });
  const add = useMutation({
    mutationFn: () => setHoliday(slug, draft),
    onSuccess: async () => {
      setDraft({ date: '', name: '' });
      await refresh('rules', slug);
    },
  });
  const remove = useMutation({
    mutationFn: (date: string) => removeHoliday(slug, date),
    onSuccess: () => refresh('rules', slug),
  });
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupHolidays.lead')}</p>}>{t('setupHolidays.title')}</PageHeading>
      {rules.isPending && <Loading />}
      {rules.data && (
        <div className="table-wrap">
          <table className="records">
            <caption>{t('setupHolidays.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('setupHolidays.date')}</th>
                <th scope="col">{t('setupHolidays.name')}</th>
                <th scope="col">{s('setup.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.data.holidays.length === 0 && (
                <tr>
                  <td colSpan={3}>{s('setup.none')}</td>
                </tr>
              )}
              {rules.data.holidays.map((h) => (
                <tr key={h.date}>
                  <th scope="row">{localDate(h.date)}</th>
                  <td>{h.name}</td>
                  <td>
                    <Button
                      variant="secondary"
                      aria-label={t('setupHolidays.removeNamed', {
                        name: h.name,
                        date: localDate(h.date),
                      })}
                      onPress={() => remove.mutate(h.date)}
                    >
                      {s('setup.remove')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InlineAlert tone="error">{remove.isError && problemText(remove.error)}</InlineAlert>
      <section className="section form-panel" aria-labelledby="holiday-form">
        <h2 id="holiday-form">{t('setupHolidays.add')}</h2>
        <Form error={add.error} onSubmit={() => add.mutate()}>
          <div className="form-grid">
            <TextField
              name="date"
              type="date"
              label={t('setupHolidays.date')}
              isRequired
              value={draft.date}
              onChange={(date) => setDraft((d) => ({ ...d, date }))}
            />
            <TextField
              name="name"
              label={t('setupHolidays.name')}
              description={t('setupHolidays.name.help')}
              isRequired
              value={draft.name}
              onChange={(name) => setDraft((d) => ({ ...d, name }))}
            />
          </div>
          <InlineAlert tone="success">{add.isSuccess && s('setup.saved')}</InlineAlert>
          <FormActions>
            <Button type="submit" isPending={add.isPending}>
              {t('setupHolidays.addButton')}
            </Button>
          </FormActions>
        </Form>
      </section>
    </section>
  );
}
