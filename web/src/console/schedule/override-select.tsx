import { overrideReasons, type OverrideReason } from '../../api/schedule.ts';
import { Select } from '../../components/select.tsx';
import { useMessages } from '../../i18n/use-messages.ts';
import { scheduleMessages } from './schedule.messages.ts';

/**
 * The reason staff give for a change inside the type's cut-off (`overrideReason`): one choice
 * for cancelling a visit, moving it, and cancelling a series from a visit on.
 */
export function OverrideSelect({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description: string;
  value: OverrideReason;
  onChange: (value: OverrideReason) => void;
}) {
  const t = useMessages(scheduleMessages);
  return (
    <Select
      label={label}
      description={description}
      selectedKey={value}
      onSelectionChange={(k) => onChange(k as OverrideReason)}
      options={overrideReasons.map((r) => ({ value: r, label: t(`desk.override.${r}`) }))}
    />
  );
}
