import { useState } from 'react';
import { ToggleButton } from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';
import { TextField, type TextFieldProps } from './text-field.tsx';

interface Props extends Omit<TextFieldProps, 'type' | 'autoComplete'> {
  /** `new` asks the browser to suggest a strong password and says the rule. */
  purpose: 'current' | 'new';
}

/** A password input with a "show" toggle that starts off; paste is never blocked. */
export function PasswordField({ purpose, description, validate, ...props }: Props) {
  const t = useMessages(componentMessages);
  const [visible, setVisible] = useState(false);
  const fresh = purpose === 'new';
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      autoComplete={fresh ? 'new-password' : 'current-password'}
      spellCheck="false"
      description={description ?? (fresh ? t('password.rules') : undefined)}
      validate={(value) =>
        fresh && value && [...value].length < 12 ? 'password.short' : (validate?.(value) ?? null)
      }
      adornment={
        <ToggleButton
          className="button button-secondary input-toggle"
          isSelected={visible}
          onChange={setVisible}
          aria-label={t('password.showLabel')}
        >
          {t('password.show')}
        </ToggleButton>
      }
    />
  );
}
