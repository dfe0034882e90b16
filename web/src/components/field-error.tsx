import { FieldError as AriaFieldError, type ValidationResult } from 'react-aria-components';
import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';

type Key = keyof (typeof componentMessages)['en'];
const isKey = (m: string): m is Key => Object.hasOwn(componentMessages.en, m);

/**
 * A field's error in the reader's language, worded when shown: the components' own checks return
 * a message key (`field.required`), so an error already on screen follows a language switch;
 * the browser's built-in ones (a required radio group or select with nothing chosen, whose
 * `validate` React Aria never calls for a null value) come in the browser's language, so they
 * are replaced by ours, named by which check failed. Other messages (the server's, a page's
 * own check) arrive worded.
 */
export function FieldError() {
  const t = useMessages(componentMessages);
  return (
    <AriaFieldError className="field-error">
      {({ validationDetails: d, validationErrors }: ValidationResult) => {
        if (d.customError || d.valid) {
          return validationErrors.map((m) => (isKey(m) ? t(m) : m)).join(' ');
        }
        if (d.valueMissing) return t('field.required');
        if (d.typeMismatch) return t('field.email');
        return t('field.invalid');
      }}
    </AriaFieldError>
  );
}
