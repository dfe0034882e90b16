import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fetchWaitlistSettings, saveWaitlistSettings } from '../../api/waitlist.ts';
import { Button } from '../../components/button.tsx';
import { Form, FormActions } from '../../components/form.tsx';
import { InlineAlert } from '../../components/inline-alert.tsx';
import { NumberField } from '../../components/number-field.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { consoleWaitlistMessages } from './waitlist.messages.ts';

const settingsKey = ['waitlist', 'settings'] as const;

/** Managers: how many waiting patients a freed time goes to at once, and how long it is held. */
export function OfferSettings() {
  const t = useMessages(consoleWaitlistMessages);
  const client = useQueryClient();
  const current = useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => fetchWaitlistSettings(signal),
  });
  const [batchSize, setBatchSize] = useState(1);
  const [offerMinutes, setOfferMinutes] = useState(30);
  useEffect(() => {
    if (!current.data) return;
    setBatchSize(current.data.batchSize);
    setOfferMinutes(current.data.offerMinutes);
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => saveWaitlistSettings({ batchSize, offerMinutes }),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKey }),
  });
  return (
    <section aria-labelledby="waitlist-settings">
      <h2 id="waitlist-settings">{t('waitlist.settings')}</h2>
      <Form onSubmit={() => save.mutate()} error={save.error}>
        <NumberField
          label={t('waitlist.settings.batch')}
          description={t('waitlist.settings.batch.help')}
          name="batchSize"
          minValue={1}
          maxValue={5}
          value={batchSize}
          onChange={setBatchSize}
        />
        <NumberField
          label={t('waitlist.settings.minutes')}
          name="offerMinutes"
          minValue={5}
          maxValue={1440}
          value={offerMinutes}
          onChange={setOfferMinutes}
        />
        {save.isSuccess && <InlineAlert tone="success">{t('waitlist.settings.saved')}</InlineAlert>}
        <FormActions>
          <Button type="submit" isPending={save.isPending}>
            {t('waitlist.settings.save')}
          </Button>
        </FormActions>
      </Form>
    </section>
  );
}
