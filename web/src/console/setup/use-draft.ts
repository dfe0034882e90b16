import { useCallback, useRef, useState } from 'react';

/**
 * A form's values while the person edits them, and which record (if any) they edit. `edit`
 * loads a record and moves focus to the form's heading, so a keyboard or screen-reader user
 * lands where the record now is.
 */
export function useDraft<T extends object>(empty: T) {
  const [draft, setDraft] = useState<T>(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const set = useCallback(
    <K extends keyof T>(key: K) =>
      (value: T[K]) =>
        setDraft((d) => ({ ...d, [key]: value })),
    [],
  );
  const edit = (id: string, values: T) => {
    setDraft(values);
    setEditing(id);
    requestAnimationFrame(() => heading.current?.focus());
  };
  const reset = () => {
    setDraft(empty);
    setEditing(null);
  };
  return { draft, set, setDraft, editing, edit, reset, heading };
}
