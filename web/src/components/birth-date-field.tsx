import { CalendarDate, getLocalTimeZone, today } from '@internationalized/date';
import { DateField } from './date-field.tsx';

/** The earliest birth date the server takes (patients.schema.ts). */
const earliest = new CalendarDate(1900, 1, 1);

/**
 * A date of birth: required, in the past, from 1900 — the checks the server makes, said in the
 * reader's words before anything is sent (a patient registering, a guest booking, the desk).
 */
export function BirthDateField({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description?: string | undefined;
  value: CalendarDate | null;
  onChange: (value: CalendarDate | null) => void;
}) {
  const latest = today(getLocalTimeZone());
  return (
    <DateField
      label={label}
      {...(description ? { description } : {})}
      name="dateOfBirth"
      isRequired
      value={value}
      onChange={onChange}
      validate={(v) =>
        !v
          ? null
          : v.compare(latest) > 0
            ? 'field.birthFuture'
            : v.compare(earliest) < 0
              ? 'field.birthEarly'
              : null
      }
    />
  );
}
