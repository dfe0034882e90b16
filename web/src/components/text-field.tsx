import { useRef, type ReactNode } from 'react';
import {
  Input,
  Label,
  Text,
  TextField as AriaTextField,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';
import { FieldError } from './field-error.tsx';

export interface TextFieldProps extends Omit<AriaTextFieldProps, 'className' | 'children'> {
  label: string;
  description?: string | undefined;
  /** Extra control after the input (the password field's "show" toggle). */
  adornment?: ReactNode;
  inputClassName?: string;
}

const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/**
 * A labelled text input. Required fields carry no mark; optional ones say "(optional)". Errors
 * (our checks, in the reader's language, or the server's, by field name from the Form) show
 * under the input and are tied to it by React Aria.
 */
export function TextField({
  label,
  description,
  adornment,
  inputClassName,
  validate,
  onChange,
  ...props
}: TextFieldProps) {
  const t = useMessages(componentMessages);
  const input = useRef<HTMLInputElement>(null);
  // React Aria updates a shown error when the input's native `change` fires, which is on blur:
  // the error would vanish as the person clicks "Submit", moving the button under the pointer.
  // Once an error shows, it follows every keystroke instead.
  const change = (value: string) => {
    onChange?.(value);
    const el = input.current;
    if (el?.getAttribute('aria-invalid') === 'true') el.dispatchEvent(new Event('change'));
  };
  const check = (value: string) => {
    if (props.isRequired && !value.trim()) return 'field.required';
    if (props.type === 'email' && value.trim() && !looksLikeEmail(value)) return 'field.email';
    return validate?.(value) ?? null;
  };
  return (
    <AriaTextField {...props} onChange={change} validate={check} className="field">
      <Label className="field-label">
        {label}
        {!props.isRequired && <span className="field-optional"> {t('field.optional')}</span>}
      </Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <div className="input-row">
        <Input ref={input} className={inputClassName ? `input ${inputClassName}` : 'input'} />
        {adornment}
      </div>
      <FieldError />
    </AriaTextField>
  );
}
