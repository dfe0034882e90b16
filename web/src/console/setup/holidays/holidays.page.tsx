import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { removeHoliday, setHoliday } from '../../../api/setup.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { useLocalDate } from '../hours/weekdays.ts';
import { RecordsEditor } from '../records-editor.tsx';
import { useRefresh, useRules, useSetupClinic } from '../setup.queries.ts';
import { holidaysMessages } from './holidays.messages.ts';

/** The clinic's holidays to come: a list, and a form to add one. */
export function SetupHolidaysPage() {
  const t = useMessages(holidaysMessages);
  const localDate = useLocalDate();
  const setup = useSetupClinic();
  const { slug } = setup;
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
      <RecordsEditor
        caption={t('setupHolidays.list')}
        records={rules.data?.holidays}
        load={[setup, rules]}
        id={(h) => h.date}
        columns={[
          { header: t('setupHolidays.date'), cell: (h) => localDate(h.date) },
          { header: t('setupHolidays.name'), cell: (h) => h.name },
        ]}
        remove={{
          label: (h) => t('setupHolidays.removeNamed', { name: h.name, date: localDate(h.date) }),
          mutation: remove,
        }}
        form={{
          heading: { id: 'holiday-form', text: t('setupHolidays.add') },
          save: add,
          submitLabel: t('setupHolidays.addButton'),
          fields: (
            <>
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
            </>
          ),
        }}
      />
    </section>
  );
}
