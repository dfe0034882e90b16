import { useState } from 'react';
import { LoadState } from '../../../components/load-state.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { Select } from '../../../components/select.tsx';
import { InlineAlert } from '../../../components/inline-alert.tsx';
import { useMessages } from '../../../i18n/use-messages.ts';
import { setupMessages } from '../setup.messages.ts';
import { useProviders, useRules, useSetupClinic } from '../setup.queries.ts';
import { DateOverrides } from './date-overrides.tsx';
import { hoursMessages } from './hours.messages.ts';
import { TimeOff } from './time-off.tsx';
import { WeeklyHours } from './weekly-hours.tsx';

/**
 * One provider's working time at one location: weekly hours, one-day changes, and time off
 * (at every location). The person picks whose; each part lists what is set and adds or removes.
 */
export function SetupHoursPage() {
  const t = useMessages(hoursMessages);
  const s = useMessages(setupMessages);
  const setup = useSetupClinic();
  const { clinic, slug } = setup;
  const providers = useProviders(slug);
  const rules = useRules(slug);
  const [providerId, setProviderId] = useState<string | null>(null);
  const [locationId, setLocationId] = useState<string | null>(null);
  const provider = providers.data?.find((p) => p.id === providerId) ?? providers.data?.[0];
  const locations = (clinic?.locations ?? []).filter((l) => provider?.locationIds.includes(l.id));
  const location = locations.find((l) => l.id === locationId) ?? locations[0];
  return (
    <section className="page">
      <PageHeading lead={<p>{t('setupHours.lead')}</p>}>{t('setupHours.title')}</PageHeading>
      <LoadState queries={[setup, providers, rules]} />
      {providers.data?.length === 0 && (
        <InlineAlert tone="info">{t('setupHours.noProviders')}</InlineAlert>
      )}
      {provider && (
        <fieldset className="rule-group">
          <legend>{t('setupHours.choose')}</legend>
          <div className="form-grid">
            <Select
              label={s('setup.provider')}
              selectedKey={provider.id}
              onSelectionChange={(k) => setProviderId(String(k))}
              options={(providers.data ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
            />
            {locations.length > 0 && location && (
              <Select
                label={s('setup.location')}
                selectedKey={location.id}
                onSelectionChange={(k) => setLocationId(String(k))}
                options={locations.map((l) => ({ value: l.id, label: l.name }))}
              />
            )}
          </div>
        </fieldset>
      )}
      {provider && locations.length === 0 && (
        <InlineAlert tone="info">{t('setupHours.noLocations')}</InlineAlert>
      )}
      {provider && location && rules.data && (
        <>
          <WeeklyHours slug={slug} provider={provider} location={location} rules={rules.data} />
          <DateOverrides slug={slug} provider={provider} location={location} rules={rules.data} />
          <TimeOff slug={slug} provider={provider} location={location} rules={rules.data} />
        </>
      )}
    </section>
  );
}
