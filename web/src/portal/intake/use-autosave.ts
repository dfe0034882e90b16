import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answers } from '../../api/types.ts';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'failed'; error: unknown };

/**
 * Saves `answers` a moment after the last change (debounced), one save at a time, and never the
 * same answers twice. `settle()` cancels a pending save and waits for one in flight (before a
 * submission, which replaces the draft). The answers go only to `save`: nothing is logged or kept
 * in browser storage.
 */
export function useAutosave(
  answers: Answers,
  save: (answers: Answers) => Promise<unknown>,
  opts: { savedAnswers: Answers; delayMs?: number },
) {
  const key = JSON.stringify(answers);
  const lastSaved = useRef(JSON.stringify(opts.savedAnswers));
  const inFlight = useRef<Promise<void>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stopped = useRef(false);
  const latestSave = useRef(save);
  latestSave.current = save;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });

  useEffect(() => {
    if (stopped.current || key === lastSaved.current) return;
    timer.current = setTimeout(() => {
      inFlight.current = inFlight.current.then(async () => {
        if (stopped.current || key === lastSaved.current) return;
        setStatus({ kind: 'saving' });
        try {
          await latestSave.current(JSON.parse(key) as Answers);
          lastSaved.current = key;
          setStatus({ kind: 'saved', at: new Date() });
        } catch (error) {
          setStatus({ kind: 'failed', error });
        }
      });
    }, opts.delayMs ?? 800);
    return () => clearTimeout(timer.current);
  }, [key, opts.delayMs]);

  const settle = useCallback(async () => {
    clearTimeout(timer.current);
    stopped.current = true;
    await inFlight.current;
  }, []);
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  return { status, settle, resume };
}
