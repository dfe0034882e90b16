import { useMessages } from '../i18n/use-messages.ts';
import { componentMessages } from './components.messages.ts';

/** A loading state: a quiet spinner (still under reduced motion) and its words, announced. */
export function Loading({ label }: { label?: string }) {
  const t = useMessages(componentMessages);
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('loading.label')}</span>
    </div>
  );
}
