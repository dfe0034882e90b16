import type { ReactNode } from 'react';
import type { Question } from '../../api/types.ts';
import { useMessages } from '../../i18n/use-messages.ts';
import { intakeMessages } from './intake.messages.ts';
import type { FieldValue } from './answers.ts';
import { SensitiveInput } from './sensitive-input.tsx';

interface Props {
  question: Question;
  value: FieldValue | undefined;
  error: string | undefined;
  onChange: (value: FieldValue) => void;
}

/**
 * One question as an accessible control: its label, the "why we ask" text and any error tied to
 * the control with aria-describedby, and the error in a live region so it is announced.
 */
export function QuestionField({ question: q, value, error, onChange }: Props) {
  const t = useMessages(intakeMessages);
  const id = `q-${q.id}`;
  const describedBy = `${id}-why ${id}-error`;
  const label = (
    <>
      {q.label}
      {q.required && (
        <span className="required-mark">
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden"> ({t('intake.required')})</span>
        </span>
      )}
    </>
  );
  const notes = (
    <>
      <p id={`${id}-why`} className="why">
        {t('intake.whyWeAsk', { text: q.whyWeAsk })}
      </p>
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </>
  );

  if (q.type === 'choice' || q.type === 'yes_no') {
    const options =
      q.type === 'yes_no'
        ? [
            { value: true, label: t('intake.yes') },
            { value: false, label: t('intake.no') },
          ]
        : q.options;
    const multiple = q.type === 'choice' && q.multiple;
    const chosen = (v: string | boolean) =>
      Array.isArray(value) ? value.includes(String(v)) : value === v;
    const pick = (v: string | boolean) => {
      if (!multiple) return onChange(v);
      const list = Array.isArray(value) ? value : [];
      onChange(chosen(v) ? list.filter((x) => x !== v) : [...list, String(v)]);
    };
    return (
      <fieldset
        className={error ? 'question invalid' : 'question'}
        id={`${id}-group`}
        role={multiple ? 'group' : 'radiogroup'}
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
        aria-invalid={Boolean(error)}
        {...(multiple ? {} : { 'aria-required': q.required })}
      >
        <legend id={`${id}-label`}>{label}</legend>
        {notes}
        {options.map((o) => (
          <label key={String(o.value)} className="option">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              checked={chosen(o.value)}
              onChange={() => pick(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    required: q.required,
    'aria-invalid': Boolean(error),
    'aria-describedby': describedBy,
  };
  let control: ReactNode;
  if (q.type === 'short_text' && q.sensitive) {
    control = (
      <SensitiveInput
        id={id}
        value={text}
        onChange={onChange}
        describedBy={describedBy}
        invalid={Boolean(error)}
        required={q.required}
        maxLength={q.maxLength}
      />
    );
  } else if (q.type === 'short_text') {
    control = (
      <>
        <input
          {...common}
          type="text"
          maxLength={q.maxLength}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
        <p className="muted counter">
          {t('intake.characters', { count: text.length, max: q.maxLength })}
        </p>
      </>
    );
  } else {
    // Numbers as text with a numeric keyboard: type=number hides what was typed when it is
    // not a number, and the check below explains the problem instead.
    control = (
      <input
        {...common}
        type={q.type === 'date' ? 'date' : 'text'}
        {...(q.type === 'number' ? { inputMode: q.integer ? 'numeric' : 'decimal' } : {})}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={error ? 'question invalid' : 'question'} id={`${id}-group`}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {notes}
      {control}
    </div>
  );
}
