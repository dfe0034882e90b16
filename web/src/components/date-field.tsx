import {
  DateField as AriaDateField,
  DateInput,
  DateSegment,
  FieldError,
  Label,
  Text,
  type DateFieldProps,
  type DateValue,
} from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';

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
  ...props
}: Props<T>) {
  const t = useMessages(componentMessages);
  return (
    <AriaDateField
      {...props}
      className="field"
      validate={(v) => (props.isRequired && !v ? t('field.required') : (validate?.(v) ?? null))}
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
      <FieldError className="field-error" />
    </AriaDateField>
  );
}
