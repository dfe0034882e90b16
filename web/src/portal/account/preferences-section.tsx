import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Preferences } from '../../api/account.ts';
import { savePreferences } from '../../api/account.ts';
import { useClinic } from '../../api/queries.ts';
import { Button } from '../../components/button.tsx';
import { Checkbox } from '../../components/checkbox.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { Loading } from '../../components/loading.tsx';
import { RadioGroup } from '../../components/radio-group.tsx';
import { Select } from '../../components/select.tsx';
import { languageNames, locales } from '../../i18n/catalog.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { accountMessages } from './account.messages.ts';
import { preferencesQuery } from './account.queries.ts';

const channels = ['email', 'sms', 'voice'] as const;
type Channel = (typeof channels)[number];
const quietHours = { start: '21:00', end: '08:00' };
const usZones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
];

/** Channels, language, quiet hours and time zone for reminders (no identifiers). */
export function PreferencesSection({
  patientId,
  language,
}: {
  patientId: string;
  language: string;
}) {
  const t = useMessages(accountMessages);
  const queryClient = useQueryClient();
  const { data: clinic } = useClinic();
  const stored = useQuery(preferencesQuery(patientId));
  const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  useEffect(() => {
    if (stored.isSuccess && !prefs) {
      setPrefs(
        stored.data ?? {
          channels: ['email'],
          language,
          quietHours: quietHours,
          timeZone: clinic?.locations[0]?.timeZone ?? deviceZone,
        },
      );
    }
  }, [stored.isSuccess, stored.data, prefs, language, clinic, deviceZone]);
  const save = useMutation({
    mutationFn: (p: Preferences) => savePreferences(patientId, p),
    onSuccess: (p) => queryClient.setQueryData(preferencesQuery(patientId).queryKey, p),
  });
  const zones = [
    ...new Set([
      ...(clinic?.locations.map((l) => l.timeZone) ?? []),
      ...usZones,
      deviceZone,
      ...(prefs ? [prefs.timeZone] : []),
    ]),
  ];
  const update = (p: Partial<Preferences>) => {
    save.reset();
    setPrefs((old) => (old ? { ...old, ...p } : old));
  };

  return (
    <section className="section card account-section" aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('account.prefs.title')}</h2>
      {stored.isPending && <Loading label={t('account.loading')} />}
      {stored.isError && <InlineAlert tone="error">{t('account.error')}</InlineAlert>}
      <InlineAlert tone="success">{save.isSuccess ? t('account.prefs.saved') : null}</InlineAlert>
      {prefs && (
        <Form error={save.error} onSubmit={() => save.mutate(prefs)}>
          <fieldset className="fieldset">
            <legend className="field-label">{t('account.prefs.channels')}</legend>
            {channels.map((c: Channel) => (
              <Checkbox
                key={c}
                isSelected={prefs.channels.includes(c)}
                onChange={(on) =>
                  update({
                    channels: on
                      ? channels.filter((x) => x === c || prefs.channels.includes(x))
                      : prefs.channels.filter((x) => x !== c),
                  })
                }
              >
                {t(`account.prefs.channel.${c}`)}
              </Checkbox>
            ))}
          </fieldset>
          <RadioGroup
            label={t('account.prefs.language')}
            orientation="horizontal"
            value={prefs.language}
            onChange={(language) => update({ language })}
            choices={locales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
          <Checkbox
            isSelected={prefs.quietHours !== null}
            onChange={(on) => update({ quietHours: on ? quietHours : null })}
          >
            {t('account.prefs.quiet')}
          </Checkbox>
          <Select
            label={t('account.prefs.zone')}
            selectedKey={prefs.timeZone}
            onSelectionChange={(k) => update({ timeZone: String(k) })}
            options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          />
          <FormActions>
            <Button type="submit" isPending={save.isPending}>
              {t('account.prefs.save')}
            </Button>
          </FormActions>
        </Form>
      )}
    </section>
  );
}
