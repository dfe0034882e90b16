import { useMemo, type ReactNode } from 'react';
import { Form as AriaForm, type FormProps as AriaFormProps } from 'react-aria-components';
import { fieldErrorsByName } from '../api/problem.ts';
import { InlineAlert } from './inline-alert.tsx';
import { useProblemText } from './problem-text.ts';

interface Props extends Omit<AriaFormProps, 'validationErrors' | 'className' | 'onSubmit'> {
  /** The last failed submission: its field errors show beside their fields, the rest in an alert at the top. */
  error?: unknown;
  /** Errors the page words itself, by field name (shown instead of the server's). */
  fieldErrors?: Record<string, string>;
  onSubmit: () => void;
  children: ReactNode;
}

/**
 * A form: the browser's checks run first (React Aria focuses the first field in error), then
 * `onSubmit`. Server problems come back through `error`: each field error by its JSON pointer
 * (`/body/email` → the field named `email`), anything else as an alert at the form's top.
 */
export function Form({ error, fieldErrors, onSubmit, children, ...props }: Props) {
  const problemText = useProblemText();
  // React Aria clears a server error once its field is edited, unless `validationErrors` is a new
  // object: one object per failed submission, so an edit clears it and a new refusal shows again.
  const key = JSON.stringify(fieldErrors ?? fieldErrorsByName(error));
  const byField = useMemo(() => JSON.parse(key) as Record<string, string>, [error, key]);
  const general = error && Object.keys(byField).length === 0 ? problemText(error) : null;
  return (
    <AriaForm
      {...props}
      className="form"
      validationErrors={byField}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <InlineAlert tone="error">{general}</InlineAlert>
      {children}
    </AriaForm>
  );
}

/** The form's buttons, in one row on wide screens and stacked on phones. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="form-actions">{children}</div>;
}
