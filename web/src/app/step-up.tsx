import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { setStepUpHandler } from '../api/client.ts';

const StepUpDialog = lazy(() => import('./step-up-dialog.tsx'));

/**
 * The step-up host, for the whole app: any request the server answers 403 `step-up-required`
 * waits while a dialog asks for the password (or an authenticator code), then is sent again.
 * Several requests needing it at once share one dialog. The dialog's code loads when first needed.
 */
export function StepUpHost() {
  const [open, setOpen] = useState(false);
  const waiting = useRef<{ promise: Promise<boolean>; resolve: (ok: boolean) => void } | null>(
    null,
  );

  useEffect(() => {
    setStepUpHandler(() => {
      if (!waiting.current) {
        let resolve: (ok: boolean) => void = () => undefined;
        const promise = new Promise<boolean>((r) => (resolve = r));
        waiting.current = { promise, resolve };
        setOpen(true);
      }
      return waiting.current.promise;
    });
    return () => setStepUpHandler(null);
  }, []);

  const finish = (ok: boolean) => {
    waiting.current?.resolve(ok);
    waiting.current = null;
    setOpen(false);
  };

  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <StepUpDialog onDone={finish} />
    </Suspense>
  );
}
