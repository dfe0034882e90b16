import { useRef } from 'react';
import {
  DateField as AriaDateField,
  DateInput,
  DateSegment,
  Label,
  Text,
  type DateFieldProps,
  type DateValue,
} from 'react-aria-components';
import { FieldError } from './field-error.tsx';

interface Props<T extends DateValue> extends Omit<DateFieldProps<T>, 'className' | 'children'> {
  label: string;
  description?: string;
}

/**
 * A date typed as segments in the reader's order (month/day/year in English, day/month/year in
 * Spanish), each segment a spin button; values are `@internationalized/date` dates.
 */
export function DateField<T extends DateValue>({
  label,
  description,
  validate,
  onChange,
  ...props
}: Props<T>) {
  const field = useRef<HTMLDivElement>(null);
  // As in TextField: a shown error would otherwise clear only on blur, which is the press on
  // "Submit" — the button moves as the error goes and the press is lost. Once an error shows,
  // it follows every change instead.
  const change: NonNullable<DateFieldProps<T>['onChange']> = (value) => {
    onChange?.(value);
    const el = field.current;
    if (el?.hasAttribute('data-invalid')) {
      for (const input of el.querySelectorAll('input')) input.dispatchEvent(new Event('change'));
    }
  };
  return (
    <AriaDateField
      {...props}
      ref={field}
      onChange={change}
      className="field"
      validate={(v) => (props.isRequired && !v ? 'field.required' : (validate?.(v) ?? null))}
    >
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <DateInput className="input date-input">
        {(segment) => <DateSegment segment={segment} className="date-segment" />}
      </DateInput>
      <FieldError />
    </AriaDateField>
  );
}
