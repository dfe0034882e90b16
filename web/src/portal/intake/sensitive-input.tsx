import { useRef, useState } from 'react';
import { useMessages } from '../../i18n/use-messages.ts';
import { intakeMessages } from './intake.messages.ts';
import { masked } from './answers.ts';

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  describedBy: string;
  invalid: boolean;
  required: boolean;
  maxLength: number;
}

/**
 * A sensitive identifier (member id, MRN): typed like a password, with a "show" toggle that
 * starts off, and once entered shown only as its last four characters. The browser is asked not
 * to remember or correct it.
 */
export function SensitiveInput({ id, value, onChange, describedBy, ...rest }: Props) {
  const t = useMessages(intakeMessages);
  const [editing, setEditing] = useState(value === '');
  const [visible, setVisible] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const input = useRef<HTMLInputElement>(null);

  /** Leaving the field (not for its own toggle) masks the value again. */
  const collapseUnless = (next: EventTarget | null, partner: HTMLElement | null) => {
    if (next === partner || value === '') return;
    setEditing(false);
    setVisible(false);
  };

  if (!editing && value !== '') {
    return (
      <div className="sensitive" id={`${id}-masked`}>
        <output aria-describedby={describedBy}>
          {t('intake.sensitive.entered', { masked: masked(value) })}
        </output>
        <button
          type="button"
          className="button button-secondary"
          aria-describedby={`${id}-label`}
          onClick={() => {
            setEditing(true);
            setVisible(false);
            requestAnimationFrame(() => input.current?.focus());
          }}
        >
          {t('intake.sensitive.change')}
        </button>
      </div>
    );
  }
  return (
    <div className="sensitive">
      <input
        ref={input}
        id={id}
        type={visible ? 'text' : 'password'}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        value={value}
        maxLength={rest.maxLength}
        required={rest.required}
        aria-invalid={rest.invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => collapseUnless(e.relatedTarget, toggle.current)}
      />
      <button
        ref={toggle}
        type="button"
        className="button button-secondary"
        aria-controls={id}
        aria-pressed={visible}
        // Keeps the focus (and the keyboard on a phone) in the field while toggling.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => setVisible((v) => !v)}
        onBlur={(e) => collapseUnless(e.relatedTarget, input.current)}
      >
        {t('intake.sensitive.show')}
      </button>
    </div>
  );
}
