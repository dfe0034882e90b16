import {
  Input,
  Label,
  NumberField as AriaNumberField,
  Text,
  type NumberFieldProps as AriaNumberFieldProps,
} from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';
import { FieldError } from './field-error.tsx';

interface Props extends Omit<AriaNumberFieldProps, 'className' | 'children'> {
  label: string;
  description?: string | undefined;
  /** The unit after the number ("minutes"), read with the label. */
  unit?: string | undefined;
}

/**
 * A labelled whole number (minutes, days, years): arrow keys step it, the bounds hold, the
 * reader's locale formats it. Required fields carry no mark; optional ones say "(optional)".
 */
export function NumberField({ label, description, unit, ...props }: Props) {
  const t = useMessages(componentMessages);
  return (
    <AriaNumberField
      formatOptions={{ maximumFractionDigits: 0, useGrouping: false }}
      {...props}
      className="field"
      validate={(v) => (props.isRequired && Number.isNaN(v) ? 'field.required' : null)}
    >
      <Label className="field-label">
        {label}
        {unit && <span className="field-unit"> ({unit})</span>}
        {!props.isRequired && <span className="field-optional"> {t('field.optional')}</span>}
      </Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <Input className="input input-number" />
      <FieldError />
    </AriaNumberField>
  );
}
