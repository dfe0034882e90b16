import { useMemo } from 'react';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookStepMessages } from './book-steps.messages.ts';
import { deviceZone } from './use-when.ts';

const common = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/Mexico_City',
  'Europe/Madrid',
  'UTC',
];

/** The list of zones (loaded only when the patient asks to change it: a list box is heavy). */
export function ZoneSelect({
  zone,
  clinicZones,
  onChange,
}: {
  zone: string;
  clinicZones: string[];
  onChange(zone: string): void;
}) {
  const t = useMessages(bookStepMessages);
  const options = useMemo(() => {
    const zones = [...new Set([deviceZone(), ...clinicZones, ...common, zone])];
    return zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  }, [clinicZones, zone]);
  return (
    <Select
      label={t('book.when.zone')}
      description={t('book.when.zoneHint')}
      options={options}
      selectedKey={zone}
      autoFocus
      onSelectionChange={(k) => k && onChange(String(k))}
    />
  );
}
