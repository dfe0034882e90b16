import { useMemo } from 'react';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { bookMessages } from './book.messages.ts';

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

/** The device's zone: where the patient most likely is. */
export const deviceZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

/** The zone times are shown in: the device's by default, changeable (shown, never hidden). */
export function ZoneChoice({
  zone,
  clinicZones,
  onChange,
}: {
  zone: string;
  clinicZones: string[];
  onChange(zone: string): void;
}) {
  const t = useMessages(bookMessages);
  const options = useMemo(() => {
    const zones = [...new Set([deviceZone(), ...clinicZones, ...common, zone])];
    return zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }));
  }, [clinicZones, zone]);
  return (
    <div className="zone-choice">
      <Select
        label={t('book.when.zone')}
        description={t('book.when.zoneHint')}
        options={options}
        selectedKey={zone}
        onSelectionChange={(k) => k && onChange(String(k))}
      />
    </div>
  );
}
