import {
  Label,
  Text,
  TextArea as AriaTextArea,
  TextField as AriaTextField,
  type TextFieldProps,
} from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';
import { FieldError } from './field-error.tsx';

interface Props extends Omit<TextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string | undefined;
  rows?: number;
}

/** A labelled multi-line text (a bio, instructions), with the same conventions as TextField. */
export function TextArea({ label, description, rows = 4, ...props }: Props) {
  const t = useMessages(componentMessages);
  return (
    <AriaTextField
      {...props}
      className="field"
      validate={(v) => (props.isRequired && !v.trim() ? 'field.required' : null)}
    >
      <Label className="field-label">
        {label}
        {!props.isRequired && <span className="field-optional"> {t('field.optional')}</span>}
      </Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <AriaTextArea className="input textarea" rows={rows} />
      <FieldError />
    </AriaTextField>
  );
}
